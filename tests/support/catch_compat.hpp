#pragma once
#include <string>
// One include for Catch2 2.x (Debian 12) and 3.x (Debian 13, Ubuntu 24.04).
// Tests use only what both versions share: TEST_CASE, SECTION, REQUIRE, CHECK, INFO,
// REQUIRE_THROWS_*, the floating-point matchers WithinRel / WithinAbs, and ContainsText below.
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#define VAE_CATCH_MAJOR 3
#else
#include <catch2/catch.hpp>
#define VAE_CATCH_MAJOR 2
#endif

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

// A string matcher for "the message contains this text": Catch2 3 renamed it.
inline auto ContainsText(const std::string& text) {
#if VAE_CATCH_MAJOR >= 3
    return Catch::Matchers::ContainsSubstring(text);
#else
    return Catch::Matchers::Contains(text);
#endif
}
