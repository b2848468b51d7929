#include "vae/run_record.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "vae/atomic_file.hpp"
#include "vae/written_files.hpp"

namespace vae {

namespace fs = std::filesystem;

namespace {

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (byte < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string json_strings(const std::vector<std::string>& items, const std::string& indent) {
    if (items.empty()) return "[]";
    std::string out = "[\n";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += indent + "  " + json_string(items[i]) + (i + 1 < items.size() ? ",\n" : "\n");
    return out + indent + "]";
}

std::string now_utc() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

std::string absolute_path(const std::string& path) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    return ec ? path : absolute.lexically_normal().string();
}

}  // namespace

std::string runs_dir(const Options& options) {
    if (const char* forced = std::getenv("VAE_RUNS_DIR"); forced && *forced) return forced;
    fs::path plots = absolute_path(options.plot_folder());
    if (!plots.has_filename()) plots = plots.parent_path();  // "plots/" names the folder plots
    return (plots.parent_path() / "runs").string();
}

std::string run_record_path(const std::string& program, const Options& options) {
    return runs_dir(options) + "/" + program + ".json";
}

void forget_last_run(const std::string& program, const Options& options) {
    std::error_code ignored;
    fs::remove(run_record_path(program, options), ignored);
}

std::string run_record_json(const std::string& program, const ExerciseInfo& info, const Options& options,
                            const Report& report, const std::vector<std::string>& plots,
                            const std::string& finished_at) {
    std::ostringstream out;
    out << "{\n"
        << "  \"format\": " << kRunRecordFormat << ",\n"
        << "  \"program\": " << json_string(program) << ",\n"
        << "  \"exercise\": " << json_string(info.id) << ",\n"
        << "  \"title\": " << json_string(info.title) << ",\n"
        << "  \"finished_at\": " << json_string(finished_at) << ",\n"
        << "  \"plot_dir\": " << json_string(absolute_path(options.plot_dir())) << ",\n";
    // The exercise's own flags, as a golden file records them: the page compares two runs (or
    // a run and the golden file) only when these agree.
    out << "  \"flags\": {";
    const FlagValues& flags = options.parameters();
    for (std::size_t i = 0; i < flags.size(); ++i)
        out << (i ? ", " : "") << json_string(flags[i].first) << ": " << json_string(flags[i].second);
    out << "},\n";
    out << "  \"quantities\": [";
    const auto& quantities = report.quantities();
    for (std::size_t i = 0; i < quantities.size(); ++i) {
        const Quantity& q = quantities[i];
        // format_exact: 17 digits, so the page compares the very values the program computed.
        out << (i ? ",\n" : "\n") << "    {\"name\": " << json_string(q.name)
            << ", \"value\": " << format_exact(q.value) << ", \"meaning\": " << json_string(q.meaning)
            << ", \"tolerance\": " << format_exact(q.tolerance)
            << ", \"checked\": " << (q.checked ? "true" : "false")
            << ", \"depends_on\": " << json_string(q.depends_on) << "}";
    }
    out << (quantities.empty() ? "],\n" : "\n  ],\n");
    out << "  \"notes\": " << json_strings(report.notes(), "  ") << ",\n"
        << "  \"plots\": " << json_strings(plots, "  ") << "\n"
        << "}\n";
    return out.str();
}

void record_run(const std::string& program, const ExerciseInfo& info, const Options& options,
                const Report& report) {
    try {
        const std::string json = run_record_json(program, info, options, report, written_files(), now_utc());
        write_file_atomically(run_record_path(program, options), json);
    } catch (const std::exception& e) {
        std::cerr << "warning: this run is not recorded for ./workbook report: " << e.what() << "\n";
    }
}

}  // namespace vae
