#include "vae/golden.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "vae/atomic_file.hpp"
#include "vae/error.hpp"

namespace vae {
namespace {

const char* const kFirstLine = "# VAE Workbook golden file";
const char* const kToleranceRule =
    "# A value passes when |got - expected| <= tolerance * max(1, |expected|).";

[[noreturn]] void corrupt(const std::string& path, int line, const std::string& what) {
    throw InputError("golden file " + path + ":" + std::to_string(line) + ": " + what +
                     ". Regenerate it with: " + kRegenerateCommand);
}

bool parse_double(const std::string& text, double& out) {
    errno = 0;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return !text.empty() && errno == 0 && *end == '\0' && std::isfinite(out);
}

// True when nothing but white space is left: trailing junk means the line is not what it
// seems, and the reader would otherwise drop it silently.
bool at_end(std::istringstream& fields) {
    std::string extra;
    return !(fields >> extra);
}

}  // namespace

void write_golden(const std::string& path, const GoldenFile& g) {
    std::ostringstream out;
    out << kFirstLine << ". Do not edit by hand; regenerate with: " << kRegenerateCommand << "\n";
    out << kToleranceRule << "\n";
    for (const auto& c : g.comments) out << "# " << c << "\n";
    out << "format " << g.format << "\n";
    out << "exercise " << g.exercise << "\n";
    out << "generator " << g.generator << "\n";
    for (const auto& [name, value] : g.parameters) out << "param " << name << " " << value << "\n";
    for (const auto& q : g.quantities)
        out << "value " << q.name << " " << format_exact(q.value) << " " << format_exact(q.tolerance) << "\n";
    write_file_atomically(path, out.str());
}

GoldenFile read_golden(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw InputError("golden file " + path +
                         " is missing or unreadable. Regenerate it with: " + kRegenerateCommand);
    GoldenFile g;
    g.format = 0;
    std::string line;
    int number = 0;
    bool seen_format = false, seen_generator = false;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.rfind(kFirstLine, 0) != 0)
            corrupt(path, number, "expected the header line '" + std::string(kFirstLine) + "'");
        if (number > 1 && line.rfind("# ", 0) == 0 && line != kToleranceRule)
            g.comments.push_back(line.substr(2));
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string key;
        fields >> key;
        if (key == "format") {
            if (seen_format) corrupt(path, number, "a second 'format' line");
            seen_format = true;
            if (!(fields >> g.format) || g.format != kGoldenFormatVersion || !at_end(fields))
                corrupt(path, number, "expected 'format " + std::to_string(kGoldenFormatVersion) + "'");
        } else if (key == "exercise") {
            if (!g.exercise.empty()) corrupt(path, number, "a second 'exercise' line");
            if (!(fields >> g.exercise) || !at_end(fields)) corrupt(path, number, "expected 'exercise NAME'");
        } else if (key == "generator") {
            if (seen_generator) corrupt(path, number, "a second 'generator' line");
            seen_generator = true;
            std::getline(fields >> std::ws, g.generator);
        } else if (key == "param") {
            std::string name, value;
            if (!(fields >> name >> value) || !at_end(fields))
                corrupt(path, number, "expected 'param NAME VALUE'");
            if (g.parameters.count(name)) corrupt(path, number, "a second 'param " + name + "' line");
            g.parameters[name] = value;
        } else if (key == "value") {
            std::string name, value_text, tol_text, extra;
            Quantity q{};
            if (!(fields >> name >> value_text >> tol_text) || (fields >> extra) ||
                !parse_double(value_text, q.value) || !parse_double(tol_text, q.tolerance) || q.tolerance < 0)
                corrupt(path, number, "expected 'value NAME NUMBER TOLERANCE' with finite numbers");
            for (const auto& earlier : g.quantities)
                if (earlier.name == name) corrupt(path, number, "a second 'value " + name + "' line");
            q.name = name;
            g.quantities.push_back(q);
        } else {
            corrupt(path, number, "unknown line '" + key + "'");
        }
    }
    if (number == 0) corrupt(path, 1, "the file is empty");
    if (g.format != kGoldenFormatVersion) corrupt(path, number, "no 'format' line");
    if (g.exercise.empty()) corrupt(path, number, "no 'exercise' line");
    if (g.quantities.empty()) corrupt(path, number, "no 'value' lines");
    return g;
}

bool within_tolerance(double expected, double got, double tolerance) {
    if (!std::isfinite(got)) return false;
    return std::fabs(got - expected) <= tolerance * std::max(1.0, std::fabs(expected));
}

std::vector<Comparison> compare(const GoldenFile& golden, const Report& report) {
    std::vector<Comparison> rows;
    for (const auto& expected : golden.quantities) {
        Comparison c;
        c.name = expected.name;
        c.expected = expected.value;
        c.tolerance = expected.tolerance;
        const Quantity* got = report.find(expected.name);
        c.present = got != nullptr;
        if (got) {
            c.depends_on = got->depends_on;
            c.got = got->value;
            c.difference = got->value - expected.value;
            c.passed = within_tolerance(expected.value, got->value, expected.tolerance);
        }
        rows.push_back(c);
    }
    return rows;
}

bool all_passed(const std::vector<Comparison>& rows) {
    return std::all_of(rows.begin(), rows.end(), [](const Comparison& c) { return c.passed; });
}

void print_comparison(std::ostream& out, const std::vector<Comparison>& rows) {
    std::size_t w = 8;
    for (const auto& r : rows) w = std::max(w, r.name.size());
    auto col = [](const std::string& s, std::size_t width) {
        return std::string(width > s.size() ? width - s.size() : 0, ' ') + s;
    };
    out << "  " << std::left << std::setw(static_cast<int>(w)) << "quantity" << std::right
        << col("expected", 24) << col("got", 24) << col("difference", 12) << col("tolerance", 11)
        << "  result\n";
    for (const auto& r : rows) {
        char diff[32], tol[32];
        std::snprintf(diff, sizeof diff, "%.3g", r.difference);
        std::snprintf(tol, sizeof tol, "%.3g", r.tolerance * std::max(1.0, std::fabs(r.expected)));
        out << "  " << std::left << std::setw(static_cast<int>(w)) << r.name << std::right
            << col(format_exact(r.expected), 24) << col(r.present ? format_exact(r.got) : "(missing)", 24)
            << col(r.present ? diff : "-", 12) << col(tol, 11) << "  " << (r.passed ? "ok" : "FAIL") << "\n";
    }
}

}  // namespace vae

namespace vae {

std::vector<std::string> golden_run_args(const GoldenFile& golden, const Flags& flags) {
    std::vector<std::string> args{"--no-plots"};
    for (const auto& [name, value] : golden.parameters) {
        // A switch is recorded as 1 (given) or 0 (not given) and takes no value.
        if (flags.is_switch(name)) {
            if (value == "1") args.push_back("--" + name);
            continue;
        }
        args.push_back("--" + name);
        args.push_back(value);
    }
    return args;
}

std::vector<std::string> tolerance_comments(const std::vector<std::string>& notes,
                                            const std::map<std::string, std::string>& values) {
    std::vector<std::string> lines;
    std::vector<std::string> used;
    for (const std::string& note : notes) {
        std::string line;
        std::size_t at = 0;
        for (auto open = note.find('{'); open != std::string::npos; open = note.find('{', at)) {
            const auto close = note.find('}', open);
            if (close == std::string::npos)
                throw std::logic_error("tolerance note with an unclosed '{': " + note);
            const std::string name = note.substr(open + 1, close - open - 1);
            const auto value = values.find(name);
            if (value == values.end())
                throw std::logic_error("a tolerance note names {" + name +
                                       "}, for which the program gives no value");
            line += note.substr(at, open - at) + value->second;
            used.push_back(name);
            at = close + 1;
        }
        lines.push_back(line + note.substr(at));
    }
    for (const auto& [name, value] : values)
        if (std::find(used.begin(), used.end(), name) == used.end())
            throw std::logic_error("the program gives a value for {" + name +
                                   "}, which no tolerance note names");
    return lines;
}

}  // namespace vae
