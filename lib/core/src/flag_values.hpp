#pragma once
// How the exercise programs read flag values, strictly (decimal integers without sign or
// spaces, finite reals as strtod reads them), and write them: exactly, for CLI11 to convert,
// and shortest, for golden headers, run records and --help's defaults.
#include <string>

namespace vae::flag_values {

// Throws UsageError("--name expects <expected>, got '<text>'").
[[noreturn]] void refuse(const std::string& name, const std::string& text, const std::string& expected);

// text as a decimal integer in [min, max]; refuse()s anything else, saying it expected `expected`.
unsigned long long integer(const std::string& name, const std::string& text, unsigned long long min,
                           unsigned long long max, const std::string& expected);
// text as a finite number > 0, or >= 0 when zero is allowed; refuse()s anything else.
double real(const std::string& name, const std::string& text, bool zero_allowed);

// A text CLI11 converts to exactly this value. It reads integers with base 0 ("010" would be 8)
// and reals with strtold and a cast (two roundings); a plain decimal integer and a hexadecimal
// real ("%a", exact in every floating type) leave nothing to chance.
std::string exact(unsigned long long value);
std::string exact(double value);

// The shortest text that reads back as the same double: "0.003", "4", "1e-05".
std::string shortest(double value);

}  // namespace vae::flag_values
