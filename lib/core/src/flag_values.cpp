#include "flag_values.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "vae/error.hpp"

namespace vae::flag_values {

void refuse(const std::string& name, const std::string& text, const std::string& expected) {
    throw UsageError("--" + name + " expects " + expected + ", got '" + text + "'");
}

unsigned long long integer(const std::string& name, const std::string& text, unsigned long long min,
                           unsigned long long max, const std::string& expected) {
    bool digits = !text.empty() && text.size() <= 20;
    for (char c : text) digits = digits && c >= '0' && c <= '9';
    errno = 0;
    const unsigned long long value = digits ? std::strtoull(text.c_str(), nullptr, 10) : 0;
    if (!digits || errno != 0 || value < min || value > max) refuse(name, text, expected);
    return value;
}

double real(const std::string& name, const std::string& text, bool zero_allowed) {
    const char* expected = zero_allowed ? "a finite number >= 0" : "a finite number > 0";
    if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) refuse(name, text, expected);
    errno = 0;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (errno != 0 || *end != '\0' || !std::isfinite(value) || value < 0 || (value == 0 && !zero_allowed))
        refuse(name, text, expected);
    return value;
}

std::string exact(unsigned long long value) { return std::to_string(value); }

std::string exact(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%a", value);
    return buf;
}

std::string shortest(double value) {
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, result.ptr);
}

}  // namespace vae::flag_values
