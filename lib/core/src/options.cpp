#include "vae/options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <limits>

#include "flag_values.hpp"
#include "source_dir.hpp"
#include "vae/error.hpp"

namespace vae {
namespace {

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) out += (i ? ", " : "") + words[i];
    return out;
}

bool is_long_flag(const std::string& arg) { return arg.size() > 2 && arg.compare(0, 2, "--") == 0; }

}  // namespace

Options::Options()
    : plot_dir_(std::string(source_dir()) + "/plots"), data_dir_(std::string(source_dir()) + "/data") {}

struct Flags::Impl {
    // A flag the exercise declares: a golden file's header records it as text.
    struct Own {
        std::string name;
        std::function<std::string()> text;
    };

    CLI::App app;
    std::vector<std::pair<std::string, bool>> declared;  // every flag but --help, and whether a switch
    std::vector<Own> own;                                // in declaration order
    std::vector<std::function<void()>> checks;
    Options* options = nullptr;
    bool help = false;

    Impl(const std::string& program, const std::string& title) : app(title, program) {
        app.set_help_flag("-h,--help", "show this text");
        app.allow_extras();  // parse() reports them, in its own words
        app.get_formatter()->column_width(26);
    }

    // Declares option (--name): check(text) throws UsageError or returns the text CLI11 is to
    // convert; shown is how --help names the value ("N", "X", ...).
    CLI::Option* declare(CLI::Option* option, const std::string& name, const char* shown,
                         std::function<std::string(const std::string&)> check) {
        declared.emplace_back(name, false);
        // Given twice, the last value counts: scripts pass defaults, then what they change.
        option->transform(check)->option_text(shown)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        return option;
    }

    template <class T>
    CLI::Option* bind(const std::string& name, T& value, const std::string& help, const char* shown,
                      std::function<std::string(const std::string&)> check) {
        return declare(app.add_option("--" + name, value, help), name, shown, check);
    }

    // An exercise's flag: recorded as text() and shown with it as its default.
    void own_flag(CLI::Option* option, const std::string& name, std::function<std::string()> text) {
        option->description(option->get_description() + " [default: " + text() + "]");
        own.push_back({name, std::move(text)});
    }

    template <class Int>
    void integer(const std::string& name, Int& value, const std::string& help, unsigned long long min,
                 unsigned long long max, const std::string& kind, bool show_range = true) {
        const std::string range = " (" + std::to_string(min) + " to " + std::to_string(max) + ")";
        const std::string expected = kind + (show_range ? range : "");
        auto* option = bind(name, value, help + (show_range ? range : ""), "N", [=](const std::string& text) {
            return flag_values::exact(flag_values::integer(name, text, min, max, expected));
        });
        own_flag(option, name, [&value] { return std::to_string(value); });
    }

    void real(const std::string& name, double& value, const std::string& help, bool zero_allowed) {
        auto* option = bind(name, value, help, "X", [=](const std::string& text) {
            return flag_values::exact(flag_values::real(name, text, zero_allowed));
        });
        own_flag(option, name, [&value] { return flag_values::shortest(value); });
    }

    void on_off(const std::string& name, bool& value, const std::string& help) {
        declared.emplace_back(name, true);
        app.add_flag("--" + name, value, help)->disable_flag_override();
    }

    void folder(const std::string& name, std::string& value, const std::string& help) {
        bind(name, value, help + " [default: " + value + "]", "DIR", [name](const std::string& text) {
            if (text.empty()) flag_values::refuse(name, text, "a non-empty value");
            return text;
        });
    }
};

Flags::Flags(const std::string& program, const std::string& title)
    : impl_(std::make_unique<Impl>(program, title)) {}
Flags::~Flags() = default;

Flags& Flags::seed(std::uint64_t& value) {
    impl_->integer("seed", value, "seed of every random stream (data, noise, weights, ...)", 0,
                   std::numeric_limits<std::uint64_t>::max(), "a non-negative integer", false);
    return *this;
}
Flags& Flags::n(long& value, const std::string& help) { return count("n", value, help, kMaxN); }
Flags& Flags::epochs(int& value) {
    return count("epochs", value, "passes over the training data", kMaxEpochs);
}
Flags& Flags::beta(double& value) { return non_negative("beta", value, "weight of the KL term in the loss"); }

Flags& Flags::count(const std::string& name, int& value, const std::string& help, long max) {
    impl_->integer(name, value, help, 1, static_cast<unsigned long long>(max), "a positive integer");
    return *this;
}
Flags& Flags::count(const std::string& name, long& value, const std::string& help, long max) {
    impl_->integer(name, value, help, 1, static_cast<unsigned long long>(max), "a positive integer");
    return *this;
}
Flags& Flags::count_from_zero(const std::string& name, int& value, const std::string& help, long max) {
    impl_->integer(name, value, help, 0, static_cast<unsigned long long>(max), "a non-negative integer");
    return *this;
}

Flags& Flags::between(const std::string& name, long& value, const std::string& help, long min, long max) {
    impl_->integer(name, value, help, static_cast<unsigned long long>(min),
                   static_cast<unsigned long long>(max), "an integer");
    return *this;
}

Flags& Flags::positive(const std::string& name, double& value, const std::string& help) {
    impl_->real(name, value, help, false);
    return *this;
}
Flags& Flags::non_negative(const std::string& name, double& value, const std::string& help) {
    impl_->real(name, value, help, true);
    return *this;
}

Flags& Flags::choice(const std::string& name, std::string& value, const std::string& help,
                     const std::vector<std::string>& words) {
    std::size_t current = 0;
    while (current < words.size() && words[current] != value) ++current;
    return add_choice(name, help, words, current, [&value, words](std::size_t i) { value = words[i]; });
}

Flags& Flags::add_choice(const std::string& name, const std::string& help, std::vector<std::string> words,
                         std::size_t current, std::function<void(std::size_t)> set) {
    if (current >= words.size())
        throw std::logic_error("--" + name + ": the default is not one of " + join(words));
    // The word given (or the default's), for the record.
    auto chosen = std::make_shared<std::size_t>(current);
    auto* option = impl_->app.add_option_function<std::string>(
        "--" + name,
        [=](const std::string& word) {
            *chosen = static_cast<std::size_t>(std::find(words.begin(), words.end(), word) - words.begin());
            set(*chosen);
        },
        help + " (" + join(words) + ")");
    impl_->declare(option, name, "NAME", [=](const std::string& text) {
        if (std::find(words.begin(), words.end(), text) == words.end())
            flag_values::refuse(name, text, "one of " + join(words));
        return text;
    });
    impl_->own_flag(option, name, [=] { return words[*chosen]; });
    return *this;
}

Flags& Flags::on_off(const std::string& name, bool& value, const std::string& help) {
    impl_->on_off(name, value, help);
    impl_->own.push_back({name, [&value] { return std::string(value ? "1" : "0"); }});
    return *this;
}

Flags& Flags::then(std::function<void()> check) {
    impl_->checks.push_back(std::move(check));
    return *this;
}

void Flags::add_common(Options& options) {
    impl_->options = &options;
    impl_->on_off("no-plots", options.no_plots_, "print the numbers only, draw no plots");
    impl_->on_off("csv", options.csv_, "print quantity,value lines instead of a table");
    impl_->folder("plot-dir", options.plot_dir_, "folder for the PNG files");
    // Only programs that read a data set from files (they have --dataset) need to be told
    // where it is; for the others the flag would be noise in --help.
    if (has("dataset"))
        impl_->folder("data-dir", options.data_dir_, "folder with iris.csv, wine.csv and mnist/");
}

bool Flags::has(const std::string& name) const {
    for (const auto& [declared, is_switch] : impl_->declared)
        if (declared == name) return true;
    return false;
}

bool Flags::is_switch(const std::string& name) const {
    for (const auto& [declared, is_switch] : impl_->declared)
        if (declared == name) return is_switch;
    return false;
}

void Flags::parse(const std::vector<std::string>& args) {
    // What CLI11 would report in several lines of its own is found here first: a switch given a
    // value, a value missing at the end. This walks args as CLI11 does: a flag that takes a
    // value takes the next argument, whatever it looks like.
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (!is_long_flag(args[i])) continue;
        const auto eq = args[i].find('=');
        const std::string name = args[i].substr(2, eq == std::string::npos ? eq : eq - 2);
        if (!has(name)) continue;
        if (is_switch(name) && eq != std::string::npos) throw UsageError("--" + name + " takes no value");
        if (!is_switch(name) && eq == std::string::npos && ++i == args.size())
            throw UsageError("--" + name + " needs a value");
    }

    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes the last first
    try {
        impl_->app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        impl_->help = true;
        return;
    } catch (const CLI::ParseError& e) {  // not expected after the checks above; still one line
        std::string line = e.what();
        std::replace(line.begin(), line.end(), '\n', ' ');
        throw UsageError(line);
    }
    if (const auto extra = impl_->app.remaining(); !extra.empty()) {
        const std::string& first = extra.front();
        if (is_long_flag(first))
            throw UsageError("unknown flag " + first.substr(0, first.find('=')) +
                             " (see --help for the flags)");
        throw UsageError("unexpected argument '" + first + "' (flags start with --; see --help)");
    }
    for (const auto& check : impl_->checks) check();
    if (impl_->options) {
        impl_->options->parameters_.clear();
        for (const auto& flag : impl_->own) impl_->options->parameters_.emplace_back(flag.name, flag.text());
    }
}

bool Flags::help_requested() const { return impl_->help; }
std::string Flags::help() const { return impl_->app.help(); }

}  // namespace vae
