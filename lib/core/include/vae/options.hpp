#pragma once
// Command-line flags of the exercise programs, typed. An exercise keeps its settings in a
// struct; its add_flags function binds each member to a flag (the member's initial value is
// the default), and CLI11 writes the values given on the command line into those members.
// --help is generated from the same bindings. Anything wrong is one UsageError naming the flag
// and what it expects; the programs print it on one line and exit with status 2.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace vae {

// The largest value an integer flag takes unless it says otherwise: it keeps every count
// inside an int.
inline constexpr long kMaxFlagInteger = 2000000000;
// Bounds of the shared flags. Sizes and counts are bounded by what fits in memory and finishes
// in sensible time, so that a slip like --n 2000000000 is a usage error, not a std::bad_alloc
// or a run of days.
inline constexpr long kMaxN = 1000000;     // data points: 10^6 points fit easily
inline constexpr long kMaxEpochs = 10000;  // the longest exercise default is 400

// The exercise's own flags and their values as text, in the order they were declared: what a
// golden file's header and a run's record hold.
using FlagValues = std::vector<std::pair<std::string, std::string>>;

// The flags every program has, whatever the exercise, and the record of the exercise's own.
class Options {
public:
    Options();  // plots on, a table, the project's plots/ and data/ folders

    bool plots() const { return !no_plots_; }  // not --no-plots
    bool csv() const { return csv_; }          // --csv: quantity,value lines instead of a table
    // Where this program draws: --plot-dir, or its reference/ subfolder for a reference
    // solution (draw_in_subfolder).
    const std::string& plot_dir() const { return own_plot_dir_.empty() ? plot_dir_ : own_plot_dir_; }
    // --plot-dir itself, the one folder runs/ sits beside whichever program ran.
    const std::string& plot_folder() const { return plot_dir_; }
    // The student's program and the reference draw plots of the same names; the reference's go
    // to plot_folder()/name, so that neither overwrites the other and ./workbook report can put
    // each run's own plots beside its values.
    void draw_in_subfolder(const std::string& name) { own_plot_dir_ = plot_dir_ + "/" + name; }
    const std::string& data_dir() const { return data_dir_; }
    // The exercise's own flags with the values this run used (defaults included).
    const FlagValues& parameters() const { return parameters_; }

private:
    friend class Flags;
    bool no_plots_ = false;
    bool csv_ = false;
    std::string plot_dir_;
    std::string own_plot_dir_;
    std::string data_dir_;
    FlagValues parameters_;
};

// The flags of one program, each bound to a member of a settings struct.
class Flags {
public:
    Flags(const std::string& program, const std::string& title);
    ~Flags();
    Flags(const Flags&) = delete;
    Flags& operator=(const Flags&) = delete;

    // ---- the exercise's own flags: each binds a member, whose value now is the default ----
    Flags& seed(std::uint64_t& value);                                         // any 64-bit value
    Flags& n(long& value, const std::string& help = "number of data points");  // 1 to kMaxN
    Flags& epochs(int& value);                                                 // 1 to kMaxEpochs
    Flags& beta(double& value);                                                // >= 0
    // Integers from 1 (count) or 0 (count_from_zero) up to max.
    Flags& count(const std::string& name, int& value, const std::string& help, long max = kMaxFlagInteger);
    Flags& count(const std::string& name, long& value, const std::string& help, long max = kMaxFlagInteger);
    Flags& count_from_zero(const std::string& name, int& value, const std::string& help, long max);
    // Integers from min to max, for a count whose lower bound is not 1.
    Flags& between(const std::string& name, long& value, const std::string& help, long min, long max);
    // Finite numbers, > 0 (positive) or >= 0 (non_negative).
    Flags& positive(const std::string& name, double& value, const std::string& help);
    Flags& non_negative(const std::string& name, double& value, const std::string& help);
    // One of a few words: the word itself, or the value it stands for.
    Flags& choice(const std::string& name, std::string& value, const std::string& help,
                  const std::vector<std::string>& words);
    template <class T, class = std::enable_if_t<!std::is_same_v<T, std::string>>>
    Flags& choice(const std::string& name, T& value, const std::string& help,
                  const std::vector<std::pair<std::string, T>>& words);
    // Present or absent; takes no value.
    Flags& on_off(const std::string& name, bool& value, const std::string& help);
    // Runs once every flag is read: checks across flags (throwing UsageError, naming one) and
    // the settings derived from them.
    Flags& then(std::function<void()> check);

    // ---- the flags every program has (not recorded): --no-plots, --csv, --plot-dir, and
    // --data-dir for programs that read a data set (those with a --dataset flag) ----
    void add_common(Options& options);

    // Reads args (without the program name) into the bound members. Throws UsageError naming
    // the flag on anything wrong: an unknown flag, a missing or bad value. A flag given twice
    // takes the last value. After --help it only sets help_requested().
    void parse(const std::vector<std::string>& args);
    bool help_requested() const;
    std::string help() const;

    // For replaying a golden file's parameters: whether a flag is declared, and a switch.
    bool has(const std::string& name) const;
    bool is_switch(const std::string& name) const;

private:
    struct Impl;
    Flags& add_choice(const std::string& name, const std::string& help, std::vector<std::string> words,
                      std::size_t current, std::function<void(std::size_t)> set);
    std::unique_ptr<Impl> impl_;
};

// A program's settings and options from args, as its main() would read them (--help aside):
// for tests and tools. Throws UsageError naming the flag.
template <class Settings>
struct CommandLine {
    Settings settings;
    Options options;
};
template <class Settings>
CommandLine<Settings> parse_command_line(void (*add_flags)(Flags&, Settings&),
                                         const std::vector<std::string>& args) {
    CommandLine<Settings> line;
    Flags flags("test", "");
    add_flags(flags, line.settings);
    flags.add_common(line.options);
    flags.parse(args);
    return line;
}

template <class T, class>
Flags& Flags::choice(const std::string& name, T& value, const std::string& help,
                     const std::vector<std::pair<std::string, T>>& words) {
    std::vector<std::string> names;
    std::size_t current = words.size();
    for (std::size_t i = 0; i < words.size(); ++i) {
        names.push_back(words[i].first);
        if (current == words.size() && words[i].second == value) current = i;
    }
    return add_choice(name, help, names, current,
                      [&value, words](std::size_t i) { value = words[i].second; });
}

}  // namespace vae
