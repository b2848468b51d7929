// Flag parsing: good values are read, bad ones are refused naming the flag and what it expects.
#include "catch_compat.hpp"
#include "vae/error.hpp"
#include "vae/options.hpp"

namespace {
const std::vector<vae::FlagSpec> kSpecs =
    vae::with_common_flags({vae::seed_flag(42),
                            vae::n_flag(1000),
                            vae::beta_flag(0.2),
                            vae::epochs_flag(5),
                            {"dataset", vae::FlagKind::Choice, "iris", "which data", {"iris", "wine"}}});

vae::Options parse(std::vector<std::string> args) {
    bool help = false;
    return vae::parse_flags(kSpecs, args, help);
}
}  // namespace

TEST_CASE("defaults and given values", "[options]") {
    const auto d = parse({});
    CHECK(d.seed() == 42);
    CHECK(d.n() == 1000);
    CHECK(d.beta() == 0.2);
    CHECK(d.plots());
    CHECK_FALSE(d.csv());
    const auto o = parse({"--seed", "18446744073709551615", "--n=7", "--beta", "1.5", "--no-plots", "--csv",
                          "--dataset", "wine"});
    CHECK(o.seed() == 18446744073709551615ULL);
    CHECK(o.n() == 7);
    CHECK(o.beta() == 1.5);
    CHECK_FALSE(o.plots());
    CHECK(o.csv());
    CHECK(o.text("dataset") == "wine");
}

TEST_CASE("bad flags are refused with the flag's name and what it expects", "[options]") {
    REQUIRE_THROWS_WITH(parse({"--n", "0"}),
                        ContainsText("--n expects a positive integer") && ContainsText("'0'"));
    REQUIRE_THROWS_WITH(parse({"--n", "-5"}),
                        ContainsText("--n expects a positive integer") && ContainsText("'-5'"));
    REQUIRE_THROWS_WITH(parse({"--n", "3.5"}), ContainsText("--n expects"));
    REQUIRE_THROWS_WITH(parse({"--seed", "abc"}), ContainsText("--seed expects a non-negative integer"));
    REQUIRE_THROWS_WITH(parse({"--seed", "18446744073709551616"}), ContainsText("--seed expects"));
    REQUIRE_THROWS_WITH(parse({"--beta", "-1"}), ContainsText("--beta expects a finite number >= 0"));
    REQUIRE_THROWS_WITH(parse({"--beta", "nan"}), ContainsText("--beta expects"));
    REQUIRE_THROWS_WITH(parse({"--beta", "inf"}), ContainsText("--beta expects"));
    REQUIRE_THROWS_WITH(parse({"--frobnicate"}), ContainsText("unknown flag --frobnicate"));
    REQUIRE_THROWS_WITH(parse({"--n"}), ContainsText("--n needs a value"));
    REQUIRE_THROWS_WITH(parse({"--csv=1"}), ContainsText("--csv takes no value"));
    REQUIRE_THROWS_WITH(parse({"stray"}), ContainsText("unexpected argument 'stray'"));
    REQUIRE_THROWS_WITH(parse({"--dataset", "mnist"}), ContainsText("one of iris, wine"));
    REQUIRE_THROWS_AS(parse({"--epochs", "0"}), vae::UsageError);
}

TEST_CASE("integer flags have an upper bound, named with the range in the message", "[options]") {
    REQUIRE_THROWS_WITH(parse({"--n", "2000000000"}),
                        "--n expects a positive integer (1 to 1000000), got '2000000000'");
    REQUIRE_THROWS_WITH(parse({"--epochs", "10001"}),
                        "--epochs expects a positive integer (1 to 10000), got '10001'");
    CHECK(parse({"--n", "1000000", "--epochs", "10000"}).n() == 1000000);
    const std::vector<vae::FlagSpec> specs = {
        vae::at_most({"width", vae::FlagKind::PositiveInt, "8", "a width"}, 64),
        vae::at_most({"warmup", vae::FlagKind::NonNegativeInt, "0", "a count"}, 5),
        {"plain", vae::FlagKind::PositiveInt, "1", "unbounded but for the int range"}};
    bool help = false;
    REQUIRE_THROWS_WITH(vae::parse_flags(specs, {"--width", "65"}, help), ContainsText("(1 to 64)"));
    REQUIRE_THROWS_WITH(vae::parse_flags(specs, {"--warmup", "6"}, help), ContainsText("(0 to 5)"));
    REQUIRE_THROWS_WITH(vae::parse_flags(specs, {"--plain", "2000000001"}, help),
                        ContainsText("(1 to 2000000000)"));
    CHECK(vae::parse_flags(specs, {"--width", "64", "--warmup", "0", "--plain", "2000000000"}, help)
              .integer("width") == 64);
    // The bound is documented where the flags are.
    CHECK(vae::usage_text("p", "t", specs).find("a width (1 to 64) [default: 8]") != std::string::npos);
    // A bound only makes sense for an integer flag.
    REQUIRE_THROWS_AS(vae::at_most({"beta", vae::FlagKind::PositiveReal, "1", "x"}, 5), std::logic_error);
}

TEST_CASE("a --help flag is reported, not an error", "[options]") {
    bool help = false;
    vae::parse_flags(kSpecs, {"--help"}, help);
    CHECK(help);
    const std::string text = vae::usage_text("exercise5", "title", kSpecs);
    CHECK(text.find("--beta VALUE") != std::string::npos);
    CHECK(text.find("[default: 0.2]") != std::string::npos);
}
