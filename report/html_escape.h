#pragma once
// Escaping for the HTML report. Every string that comes from a file or the
// database (plan and scenario titles, quotes, notes, paths) goes through one of
// these before it reaches the page: a scenario titled <script>alert(1)</script>
// shows as text.
#include <string>
#include <string_view>

namespace targetcast::report {

// Text for HTML element content and double- or single-quoted attribute
// values: & < > " ' become character references.
std::string html_escape(std::string_view text);

// A JSON string literal, quotes included, that is also safe inside an HTML
// <script> element: besides JSON's own escapes, < > & become \u003c \u003e
// \u0026 (so no "</script>" or "<!--" can close or alter the element), and
// U+2028 / U+2029 become \u2028 / \u2029 (line terminators in older JavaScript).
// Bytes that are not valid UTF-8 become U+FFFD.
std::string json_string(std::string_view text);

// The 'sha256-…' source of a Content-Security-Policy for an inline script
// (pages allow only their own inlined scripts).
std::string csp_hash(std::string_view script);

}  // namespace targetcast::report
