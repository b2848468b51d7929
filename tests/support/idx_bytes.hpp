#pragma once
// Building IDX files byte by byte for the loader's tests: big-endian header words, and gzip.
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <cstdint>
#include <sstream>
#include <string>

namespace vae_test {

// The 4 bytes of value, most significant first, as IDX headers store them.
inline std::string big_endian(std::uint32_t value) {
    return {static_cast<char>(value >> 24), static_cast<char>((value >> 16) & 0xFF),
            static_cast<char>((value >> 8) & 0xFF), static_cast<char>(value & 0xFF)};
}

inline std::string gzip(const std::string& bytes) {
    std::ostringstream out;
    {
        boost::iostreams::filtering_ostream gz;
        gz.push(boost::iostreams::gzip_compressor());
        gz.push(out);
        gz << bytes;
    }
    return out.str();
}

}  // namespace vae_test
