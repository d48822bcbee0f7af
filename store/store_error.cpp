#include "store/store_error.h"

#include <filesystem>

#include <fmt/format.h>

namespace targetcast::store {

StoreError::StoreError(const std::string& path, const std::string& message, int sqlite_code)
    : std::runtime_error(fmt::format("results database '{}': {}", path, message)),
      path_(path),
      sqlite_code_(sqlite_code) {}

std::string folder_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

std::string file_name_of(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace targetcast::store
