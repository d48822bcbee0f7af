// Catch2 2.x provides main(); tests live in the folders that mirror the libraries.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
