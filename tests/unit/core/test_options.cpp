// Flag parsing: good values land in the bound members, bad ones are refused with one line naming
// the flag and what it expects, and --help lists every flag with its default and range.
#include <cmath>
#include <limits>

#include "catch_compat.hpp"
#include "vae/error.hpp"
#include "vae/options.hpp"

namespace test_options {

namespace {

enum class Colour { Red, Green };

struct Settings {
    std::uint64_t seed = 42;
    long n = 1000;
    double beta = 0.2;
    int epochs = 5;
    double lr = 0.003;
    std::string dataset = "iris";
    Colour colour = Colour::Green;
    bool verbose = false;
};

void add_flags(vae::Flags& flags, Settings& s) {
    flags.seed(s.seed)
        .n(s.n)
        .beta(s.beta)
        .epochs(s.epochs)
        .positive("lr", s.lr, "a rate")
        .choice("dataset", s.dataset, "which data", {"iris", "wine"})
        .choice("colour", s.colour, "a colour", {{"red", Colour::Red}, {"green", Colour::Green}})
        .on_off("verbose", s.verbose, "say more");
}

vae::CommandLine<Settings> parse(const std::vector<std::string>& args) {
    return vae::parse_command_line(add_flags, args);
}

// Every error is exactly one line: the programs print it as it is.
std::string error_of(const std::vector<std::string>& args) {
    try {
        parse(args);
    } catch (const vae::UsageError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("defaults and given values land in the settings", "[options]") {
    const auto d = parse({});
    CHECK(d.settings.seed == 42);
    CHECK(d.settings.n == 1000);
    CHECK(d.settings.beta == 0.2);
    CHECK(d.settings.colour == Colour::Green);
    CHECK_FALSE(d.settings.verbose);
    CHECK(d.options.plots());
    CHECK_FALSE(d.options.csv());
    CHECK(d.options.plot_dir() == std::string(VAE_SOURCE_DIR) + "/plots");

    const auto o = parse({"--seed", "18446744073709551615", "--n=7", "--beta", "1.5", "--no-plots", "--csv",
                          "--dataset", "wine", "--colour", "red", "--verbose", "--plot-dir", "/tmp/p"});
    CHECK(o.settings.seed == 18446744073709551615ULL);
    CHECK(o.settings.n == 7);
    CHECK(o.settings.beta == 1.5);
    CHECK(o.settings.dataset == "wine");
    CHECK(o.settings.colour == Colour::Red);
    CHECK(o.settings.verbose);
    CHECK_FALSE(o.options.plots());
    CHECK(o.options.csv());
    CHECK(o.options.plot_dir() == "/tmp/p");
}

TEST_CASE("numbers are read as decimal, exactly as strtod reads them", "[options]") {
    // CLI11 on its own would read 010 as octal 8 and a real through long double.
    CHECK(parse({"--n", "010"}).settings.n == 10);
    CHECK(parse({"--epochs", "0009"}).settings.epochs == 9);
    for (const char* text :
         {"0.1", "1e-3", "2.2250738585072014e-308", "0.30000000000000004", "123456.789e-3"})
        CHECK(parse({"--lr", text}).settings.lr == std::strtod(text, nullptr));
    CHECK(parse({"--beta", "0"}).settings.beta == 0.0);
}

TEST_CASE("the record holds the exercise's own flags in order, as text that reads back the same",
          "[options]") {
    const vae::FlagValues defaults = {{"seed", "42"},      {"n", "1000"},   {"beta", "0.2"},
                                      {"epochs", "5"},     {"lr", "0.003"}, {"dataset", "iris"},
                                      {"colour", "green"}, {"verbose", "0"}};
    CHECK(parse({}).options.parameters() == defaults);
    const auto given = parse({"--lr", "1e-3", "--beta", "4.000", "--colour", "red", "--verbose", "--csv"});
    const vae::FlagValues expected = {{"seed", "42"},    {"n", "1000"},   {"beta", "4"},
                                      {"epochs", "5"},   {"lr", "0.001"}, {"dataset", "iris"},
                                      {"colour", "red"}, {"verbose", "1"}};
    CHECK(given.options.parameters() == expected);  // --csv is not the exercise's: not recorded
    CHECK(parse({"--lr", "0.1"}).options.parameters()[4].second == "0.1");
    CHECK(parse({"--lr", "0.30000000000000004"}).options.parameters()[4].second == "0.30000000000000004");
}

TEST_CASE("bad flags are refused with one line naming the flag and what it expects", "[options]") {
    CHECK(error_of({"--n", "0"}) == "--n expects a positive integer (1 to 1000000), got '0'");
    CHECK(error_of({"--n", "-5"}) == "--n expects a positive integer (1 to 1000000), got '-5'");
    CHECK(error_of({"--n", "3.5"}) == "--n expects a positive integer (1 to 1000000), got '3.5'");
    CHECK(error_of({"--n", " 7"}) == "--n expects a positive integer (1 to 1000000), got ' 7'");
    CHECK(error_of({"--n", "0x10"}) == "--n expects a positive integer (1 to 1000000), got '0x10'");
    CHECK(error_of({"--n", ""}) == "--n expects a positive integer (1 to 1000000), got ''");
    CHECK(error_of({"--seed", "abc"}) == "--seed expects a non-negative integer, got 'abc'");
    CHECK(error_of({"--seed", "18446744073709551616"}) ==
          "--seed expects a non-negative integer, got '18446744073709551616'");
    CHECK(error_of({"--beta", "-1"}) == "--beta expects a finite number >= 0, got '-1'");
    CHECK(error_of({"--beta", "nan"}) == "--beta expects a finite number >= 0, got 'nan'");
    CHECK(error_of({"--beta", "inf"}) == "--beta expects a finite number >= 0, got 'inf'");
    CHECK(error_of({"--beta", "1e400"}) == "--beta expects a finite number >= 0, got '1e400'");
    CHECK(error_of({"--beta", "0.5x"}) == "--beta expects a finite number >= 0, got '0.5x'");
    CHECK(error_of({"--lr", "0"}) == "--lr expects a finite number > 0, got '0'");
    CHECK(error_of({"--dataset", "mnist"}) == "--dataset expects one of iris, wine, got 'mnist'");
    CHECK(error_of({"--colour", "blue"}) == "--colour expects one of red, green, got 'blue'");
    CHECK(error_of({"--plot-dir", ""}) == "--plot-dir expects a non-empty value, got ''");
    CHECK(error_of({"--frobnicate"}) == "unknown flag --frobnicate (see --help for the flags)");
    CHECK(error_of({"--frobnicate=3"}) == "unknown flag --frobnicate (see --help for the flags)");
    CHECK(error_of({"--data-dir", ""}) == "--data-dir expects a non-empty value, got ''");
    CHECK(error_of({"--n"}) == "--n needs a value");
    CHECK(error_of({"--seed", "1", "--n"}) == "--n needs a value");
    CHECK(error_of({"--csv=1"}) == "--csv takes no value");
    CHECK(error_of({"--verbose=yes"}) == "--verbose takes no value");
    CHECK(error_of({"--verbose", "yes"}) == "unexpected argument 'yes' (flags start with --; see --help)");
    CHECK(error_of({"stray"}) == "unexpected argument 'stray' (flags start with --; see --help)");
    CHECK(error_of({"-x"}) == "unexpected argument '-x' (flags start with --; see --help)");
    // A flag that takes a value takes the next argument, whatever it looks like.
    CHECK(error_of({"--n", "--seed", "3"}) == "--n expects a positive integer (1 to 1000000), got '--seed'");
}

TEST_CASE("a flag given twice takes the last value, and each value is still checked", "[options]") {
    // Scripts pass their defaults first and then what they change (tests/cli/bad_input_ex7.sh,
    // --replay-golden with a flag of its own).
    const auto twice =
        parse({"--n", "5", "--n=6", "--dataset", "wine", "--dataset", "iris", "--csv", "--csv"});
    CHECK(twice.settings.n == 6);
    CHECK(twice.settings.dataset == "iris");
    CHECK(twice.options.csv());
    CHECK(twice.options.parameters()[1] == vae::FlagValues::value_type{"n", "6"});
    CHECK(error_of({"--n", "0", "--n", "6"}) == "--n expects a positive integer (1 to 1000000), got '0'");
    CHECK(error_of({"--n", "6", "--n"}) == "--n needs a value");
}

TEST_CASE("integer flags have an upper bound, named with the range in the message", "[options]") {
    CHECK(error_of({"--n", "2000000000"}) ==
          "--n expects a positive integer (1 to 1000000), got '2000000000'");
    CHECK(error_of({"--epochs", "10001"}) == "--epochs expects a positive integer (1 to 10000), got '10001'");
    CHECK(parse({"--n", "1000000", "--epochs", "10000"}).settings.n == 1000000);

    struct Sizes {
        int width = 8, warmup = 0, plain = 1;
        long big = 1;
    };
    const auto sizes = [](vae::Flags& f, Sizes& s) {
        f.count("width", s.width, "a width", 64)
            .count_from_zero("warmup", s.warmup, "a count", 5)
            .count("plain", s.plain, "unbounded but for the int range")
            .count("big", s.big, "a long");
    };
    const auto sizes_fn = +sizes;
    REQUIRE_THROWS_WITH(vae::parse_command_line(sizes_fn, {"--width", "65"}), ContainsText("(1 to 64)"));
    REQUIRE_THROWS_WITH(vae::parse_command_line(sizes_fn, {"--warmup", "6"}), ContainsText("(0 to 5)"));
    REQUIRE_THROWS_WITH(vae::parse_command_line(sizes_fn, {"--plain", "2000000001"}),
                        ContainsText("(1 to 2000000000)"));
    REQUIRE_THROWS_WITH(vae::parse_command_line(sizes_fn, {"--width", "0"}), ContainsText("(1 to 64)"));
    const auto s = vae::parse_command_line(sizes_fn, {"--width", "64", "--warmup", "0", "--plain",
                                                      "2000000000", "--big", "2000000000"})
                       .settings;
    CHECK(s.width == 64);
    CHECK(s.warmup == 0);
    CHECK(s.plain == 2000000000);
    CHECK(s.big == 2000000000L);
    // A program without --dataset reads no data set, so it has no --data-dir either.
    REQUIRE_THROWS_WITH(vae::parse_command_line(sizes_fn, {"--data-dir", "x"}),
                        "unknown flag --data-dir (see --help for the flags)");
}

TEST_CASE("checks across flags run after parsing and name a flag", "[options]") {
    struct Range {
        double low = 1, high = 2;
    };
    const auto range = +[](vae::Flags& f, Range& r) {
        f.positive("low", r.low, "low end").positive("high", r.high, "high end").then([&r] {
            if (r.high < r.low) throw vae::UsageError("--high must be at least --low");
        });
    };
    CHECK(vae::parse_command_line(range, {"--low", "3", "--high", "4"}).settings.high == 4.0);
    REQUIRE_THROWS_WITH(vae::parse_command_line(range, {"--low", "3"}), "--high must be at least --low");
}

TEST_CASE("--help is generated from the bindings: every flag, its range, its default", "[options]") {
    Settings s;
    vae::Options options;
    vae::Flags flags("exercise5", "Exercise 5: The beta-VAE");
    add_flags(flags, s);
    flags.add_common(options);
    flags.parse({"--n", "5", "--help"});
    CHECK(flags.help_requested());
    const std::string text = flags.help();
    CHECK_THAT(text, ContainsText("Exercise 5: The beta-VAE"));
    CHECK_THAT(text, ContainsText("Usage: exercise5"));
    CHECK_THAT(text, ContainsText("--n N"));
    CHECK_THAT(text, ContainsText("number of data points (1 to 1000000) [default: 1000]"));
    CHECK_THAT(text, ContainsText("--beta X"));
    CHECK_THAT(text, ContainsText("[default: 0.2]"));
    CHECK_THAT(text, ContainsText("which data (iris, wine) [default: iris]"));
    CHECK_THAT(text, ContainsText("a colour (red, green) [default: green]"));
    CHECK_THAT(text, ContainsText("--no-plots"));
    CHECK_THAT(text, ContainsText("--plot-dir DIR"));
    CHECK_THAT(text, ContainsText("--data-dir DIR"));  // it has --dataset
    CHECK_THAT(text, ContainsText("--help"));
}

}  // namespace test_options
