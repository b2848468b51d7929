#pragma once
// Numbers as text for notes, labels and tables. printf does the rounding, so the bytes are the
// same on every machine (the programs never change the C locale) and the same as the copies
// this header replaced; the string grows to fit, so no value is ever cut short.
#include <cstdio>
#include <string>

namespace vae {

namespace detail {

template <class... Args>
std::string printf_string(const char* format, Args... args) {
    const int length = std::snprintf(nullptr, 0, format, args...);
    std::string text(static_cast<std::size_t>(length > 0 ? length : 0), '\0');
    std::snprintf(text.data(), text.size() + 1, format, args...);
    return text;
}

}  // namespace detail

// decimals digits after the point: fixed(3.14159, 2) == "3.14" (printf "%.*f").
inline std::string fixed(double v, int decimals) { return detail::printf_string("%.*f", decimals, v); }

// The same right-aligned in at least width characters, for table columns:
// fixed(3.14159, 7, 3) == "  3.142" (printf "%*.*f").
inline std::string fixed(double v, int width, int decimals) {
    return detail::printf_string("%*.*f", width, decimals, v);
}

// digits significant digits, trailing zeros dropped, exponent form for very large or small
// values: significant(0.000123456, 3) == "0.000123", significant(2.5e-7, 4) == "2.5e-07"
// (printf "%.*g").
inline std::string significant(double v, int digits) { return detail::printf_string("%.*g", digits, v); }

// s followed by spaces up to width characters, for left-aligned table columns; a longer s is
// kept whole.
inline std::string pad_right(std::string s, std::size_t width) {
    if (s.size() < width) s += std::string(width - s.size(), ' ');
    return s;
}

}  // namespace vae
