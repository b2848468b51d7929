#pragma once
// Command-line flags of the exercise programs. An exercise declares the flags that apply to
// it (with defaults); the shared main() parses argv against that list and refuses anything
// else with a one-line message naming the flag and what it expects.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vae {

enum class FlagKind {
    Seed,             // a non-negative integer up to 2^64 - 1
    PositiveInt,      // 1, 2, 3, ...
    NonNegativeInt,   // 0, 1, 2, ...
    NonNegativeReal,  // finite and >= 0
    PositiveReal,     // finite and > 0
    Choice,           // one of FlagSpec::choices
    Text,             // any non-empty string
    Switch,           // present or absent, takes no value
};

// The largest value an integer flag takes unless it says otherwise (PositiveInt,
// NonNegativeInt): it keeps every count inside an int.
inline constexpr long kMaxFlagInteger = 2000000000;

struct FlagSpec {
    std::string name;  // without the leading dashes: "seed"
    FlagKind kind;
    std::string default_value;  // as it would be typed; "" for a switch
    std::string help;
    std::vector<std::string> choices = {};
    // PositiveInt / NonNegativeInt only: the largest value allowed (0: kMaxFlagInteger). Sizes
    // and counts are bounded by what fits in memory and finishes in sensible time, so that a
    // slip like --n 2000000000 is a usage error, not a std::bad_alloc or a run of days.
    long max_value = 0;
};

// spec with an upper bound on its (integer) value; shown in --help.
FlagSpec at_most(FlagSpec spec, long max_value);

// Bounds of the shared flags.
inline constexpr long kMaxN = 1000000;     // data points: 10^6 points fit easily
inline constexpr long kMaxEpochs = 10000;  // the longest exercise default is 400

// The flags most exercises share, with the exercise's own default.
FlagSpec seed_flag(std::uint64_t default_seed = 42);
FlagSpec n_flag(long default_n);  // 1 to kMaxN
FlagSpec beta_flag(double default_beta);
FlagSpec epochs_flag(long default_epochs);  // 1 to kMaxEpochs

// Parsed flag values. Every declared flag has a value (its default if not given).
class Options {
public:
    Options() = default;
    Options(std::vector<FlagSpec> specs, std::map<std::string, std::string> values);

    std::uint64_t seed() const;
    long n() const { return integer("n"); }
    double beta() const { return real("beta"); }
    long epochs() const { return integer("epochs"); }
    bool plots() const { return !is_set("no-plots"); }
    bool csv() const { return is_set("csv"); }
    // Where plots go: --plot-dir, or the project's plots/ folder.
    std::string plot_dir() const;
    // The project's data/ folder (or --data-dir).
    std::string data_dir() const;

    long integer(const std::string& name) const;
    double real(const std::string& name) const;
    const std::string& text(const std::string& name) const;
    bool is_set(const std::string& name) const;  // a switch was given
    bool has(const std::string& name) const;     // the flag is declared

    // The declared flags and their values, in declaration order (for golden headers).
    const std::vector<FlagSpec>& specs() const { return specs_; }
    const std::map<std::string, std::string>& values() const { return values_; }

    // Returns a copy with one value replaced (validated like a command-line value).
    Options with(const std::string& name, const std::string& value) const;

private:
    const std::string& raw(const std::string& name) const;
    std::vector<FlagSpec> specs_;
    std::map<std::string, std::string> values_;
};

// The flags every program has besides its own: --no-plots, --csv, --plot-dir, and --data-dir
// for the programs that read a data set (those with a --dataset flag).
std::vector<FlagSpec> with_common_flags(std::vector<FlagSpec> own);

// Parses argv (without argv[0]). Throws UsageError naming the flag on anything wrong.
// "--help" is reported through help_requested.
Options parse_flags(const std::vector<FlagSpec>& specs, const std::vector<std::string>& args,
                    bool& help_requested);

// Checks one value against its flag's kind; throws UsageError naming the flag.
void validate_flag_value(const FlagSpec& spec, const std::string& value);

std::string usage_text(const std::string& program, const std::string& title,
                       const std::vector<FlagSpec>& specs);

}  // namespace vae
