#pragma once
// Golden files: text files with a header (format version, exercise, generator, parameters)
// and one line per reported quantity: name, value (%.17g, exact round trip), tolerance.
//
// A value passes when |got - expected| <= tolerance * max(1, |expected|): relative for
// large values, absolute for values below 1 in magnitude.
#include <map>
#include <string>
#include <vector>

#include "vae/options.hpp"
#include "vae/report.hpp"

namespace vae {

inline constexpr int kGoldenFormatVersion = 1;
inline constexpr const char* kRegenerateCommand = "cmake --build build --target golden";

struct GoldenFile {
    int format = kGoldenFormatVersion;
    std::string exercise;
    std::string generator;
    std::map<std::string, std::string> parameters;  // flag name -> value used
    // The "# ..." lines after the two every file starts with: why the tolerances are what they are.
    std::vector<std::string> comments;
    std::vector<Quantity> quantities;  // name, value, tolerance
};

// Writes atomically (temporary file, then rename): an interrupted write leaves no half file.
void write_golden(const std::string& path, const GoldenFile& golden);
// Throws InputError naming the file and line, and the regenerate command.
GoldenFile read_golden(const std::string& path);
// The command-line flags that replay the run a golden file records (with --no-plots), for a
// program with these flags.
std::vector<std::string> golden_run_args(const GoldenFile& golden, const Flags& flags);

// The comments of a golden file's header: the manifest's tolerance notes with each {name}
// replaced by values.at(name). Throws std::logic_error when a note names a value not given, or
// a value is given that no note names (a renamed placeholder must not go unnoticed).
std::vector<std::string> tolerance_comments(const std::vector<std::string>& notes,
                                            const std::map<std::string, std::string>& values);

struct Comparison {
    std::string name;
    double expected = 0, got = 0, difference = 0, tolerance = 0;
    bool present = true;  // false: the program did not report this quantity
    bool passed = false;
    std::string depends_on;  // the TODO(s) behind it (Quantity::depends_on)
};

std::vector<Comparison> compare(const GoldenFile& golden, const Report& report);
bool all_passed(const std::vector<Comparison>& rows);
bool within_tolerance(double expected, double got, double tolerance);
// The expected / got / difference / tolerance table a failing test prints.
void print_comparison(std::ostream& out, const std::vector<Comparison>& rows);

}  // namespace vae
