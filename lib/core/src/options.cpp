#include "vae/options.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "vae/error.hpp"
#include "vae/report.hpp"

namespace vae {
namespace {

[[noreturn]] void bad_value(const FlagSpec& spec, const std::string& value, const char* expected) {
    throw UsageError("--" + spec.name + " expects " + expected + ", got '" + value + "'");
}

// Parses an unsigned decimal integer; rejects signs, spaces, trailing junk and overflow.
bool parse_unsigned(const std::string& text, unsigned long long& out) {
    if (text.empty() || text.size() > 20) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    errno = 0;
    char* end = nullptr;
    out = std::strtoull(text.c_str(), &end, 10);
    return errno == 0 && *end == '\0';
}

bool parse_real(const std::string& text, double& out) {
    if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) return false;
    errno = 0;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return errno == 0 && *end == '\0' && std::isfinite(out);
}

unsigned long long max_of(const FlagSpec& spec) {
    return static_cast<unsigned long long>(spec.max_value > 0 ? spec.max_value : kMaxFlagInteger);
}

// "1 to 10000": the values an integer flag accepts.
std::string range_of(const FlagSpec& spec) {
    return std::string(spec.kind == FlagKind::PositiveInt ? "1" : "0") + " to " +
           std::to_string(max_of(spec));
}

const FlagSpec* find_spec(const std::vector<FlagSpec>& specs, const std::string& name) {
    for (const auto& s : specs)
        if (s.name == name) return &s;
    return nullptr;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
    return out;
}

}  // namespace

void validate_flag_value(const FlagSpec& spec, const std::string& value) {
    unsigned long long u = 0;
    double r = 0;
    switch (spec.kind) {
        case FlagKind::Seed:
            if (!parse_unsigned(value, u)) bad_value(spec, value, "a non-negative integer");
            break;
        case FlagKind::PositiveInt:
            if (!parse_unsigned(value, u) || u == 0 || u > max_of(spec))
                bad_value(spec, value, ("a positive integer (" + range_of(spec) + ")").c_str());
            break;
        case FlagKind::NonNegativeInt:
            if (!parse_unsigned(value, u) || u > max_of(spec))
                bad_value(spec, value, ("a non-negative integer (" + range_of(spec) + ")").c_str());
            break;
        case FlagKind::NonNegativeReal:
            if (!parse_real(value, r) || r < 0) bad_value(spec, value, "a finite number >= 0");
            break;
        case FlagKind::PositiveReal:
            if (!parse_real(value, r) || r <= 0) bad_value(spec, value, "a finite number > 0");
            break;
        case FlagKind::Choice: {
            bool ok = false;
            for (const auto& c : spec.choices) ok = ok || c == value;
            if (!ok) {
                const std::string expected = "one of " + join(spec.choices, ", ");
                bad_value(spec, value, expected.c_str());
            }
            break;
        }
        case FlagKind::Text:
            if (value.empty()) bad_value(spec, value, "a non-empty value");
            break;
        case FlagKind::Switch:
            if (!value.empty()) throw UsageError("--" + spec.name + " takes no value");
            break;
    }
}

FlagSpec at_most(FlagSpec spec, long max_value) {
    if ((spec.kind != FlagKind::PositiveInt && spec.kind != FlagKind::NonNegativeInt) || max_value < 1 ||
        max_value > kMaxFlagInteger)
        throw std::logic_error("at_most: --" + spec.name +
                               " is not an integer flag or the bound is out of range");
    spec.max_value = max_value;
    return spec;
}

FlagSpec seed_flag(std::uint64_t default_seed) {
    return {"seed", FlagKind::Seed, std::to_string(default_seed),
            "seed of every random stream (data, noise, weights, ...)"};
}
FlagSpec n_flag(long default_n) {
    return at_most({"n", FlagKind::PositiveInt, std::to_string(default_n), "number of data points"}, kMaxN);
}
FlagSpec beta_flag(double default_beta) {
    return {"beta", FlagKind::NonNegativeReal, format_value(default_beta),
            "weight of the KL term in the loss"};
}
FlagSpec epochs_flag(long default_epochs) {
    return at_most(
        {"epochs", FlagKind::PositiveInt, std::to_string(default_epochs), "passes over the training data"},
        kMaxEpochs);
}

std::vector<FlagSpec> with_common_flags(std::vector<FlagSpec> own) {
    own.push_back({"no-plots", FlagKind::Switch, "", "print the numbers only, draw no plots"});
    own.push_back({"csv", FlagKind::Switch, "", "print quantity,value lines instead of a table"});
    own.push_back(
        {"plot-dir", FlagKind::Text, std::string(VAE_SOURCE_DIR) + "/plots", "folder for the PNG files"});
    // Only programs that read a data set from files (they have --dataset) need to be told
    // where it is; for the others the flag would be noise in --help.
    const bool reads_data =
        std::any_of(own.begin(), own.end(), [](const FlagSpec& f) { return f.name == "dataset"; });
    if (reads_data)
        own.push_back({"data-dir", FlagKind::Text, std::string(VAE_SOURCE_DIR) + "/data",
                       "folder with iris.csv, wine.csv and mnist/"});
    return own;
}

Options::Options(std::vector<FlagSpec> specs, std::map<std::string, std::string> values)
    : specs_(std::move(specs)), values_(std::move(values)) {}

const std::string& Options::raw(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw std::logic_error("this program declares no flag --" + name);
    return it->second;
}

std::uint64_t Options::seed() const { return std::strtoull(raw("seed").c_str(), nullptr, 10); }
long Options::integer(const std::string& name) const { return std::strtol(raw(name).c_str(), nullptr, 10); }
double Options::real(const std::string& name) const { return std::strtod(raw(name).c_str(), nullptr); }
const std::string& Options::text(const std::string& name) const { return raw(name); }
bool Options::is_set(const std::string& name) const {
    auto it = values_.find(name);
    return it != values_.end() && it->second == "1";
}
bool Options::has(const std::string& name) const { return values_.count(name) > 0; }
std::string Options::plot_dir() const { return has("plot-dir") ? raw("plot-dir") : "plots"; }
std::string Options::data_dir() const { return has("data-dir") ? raw("data-dir") : "data"; }

Options Options::with(const std::string& name, const std::string& value) const {
    const FlagSpec* spec = find_spec(specs_, name);
    if (!spec) throw UsageError("unknown flag --" + name);
    validate_flag_value(*spec, spec->kind == FlagKind::Switch ? "" : value);
    Options copy = *this;
    copy.values_[name] = spec->kind == FlagKind::Switch ? (value.empty() ? "1" : value) : value;
    return copy;
}

Options parse_flags(const std::vector<FlagSpec>& specs, const std::vector<std::string>& args,
                    bool& help_requested) {
    help_requested = false;
    std::map<std::string, std::string> values;
    for (const auto& s : specs) values[s.name] = s.kind == FlagKind::Switch ? "0" : s.default_value;

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            help_requested = true;
            continue;
        }
        if (arg.size() < 3 || arg.compare(0, 2, "--") != 0)
            throw UsageError("unexpected argument '" + arg + "' (flags start with --; see --help)");
        std::string name = arg.substr(2), value;
        bool inline_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inline_value = true;
        }
        const FlagSpec* spec = find_spec(specs, name);
        if (!spec) throw UsageError("unknown flag --" + name + " (see --help for the flags)");
        if (spec->kind == FlagKind::Switch) {
            if (inline_value) throw UsageError("--" + name + " takes no value");
            values[name] = "1";
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
            value = args[++i];
        }
        validate_flag_value(*spec, value);
        values[name] = value;
    }
    return Options(specs, values);
}

std::string usage_text(const std::string& program, const std::string& title,
                       const std::vector<FlagSpec>& specs) {
    std::ostringstream out;
    out << program << ": " << title << "\n\nUsage: " << program << " [flags]\n\nFlags:\n";
    for (const auto& s : specs) {
        std::string left = "  --" + s.name;
        if (s.kind != FlagKind::Switch) left += " VALUE";
        out << left;
        for (std::size_t pad = left.size(); pad < 24; ++pad) out << ' ';
        out << s.help;
        if (s.kind == FlagKind::Choice) out << " (" << join(s.choices, ", ") << ")";
        if (s.max_value > 0) out << " (" << range_of(s) << ")";
        if (s.kind != FlagKind::Switch) out << " [default: " << s.default_value << "]";
        out << "\n";
    }
    out << "  --help                show this text\n";
    return out.str();
}

}  // namespace vae
