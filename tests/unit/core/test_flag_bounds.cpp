// The exercises' own size flags and exercise 7's --arch: sizes that would exhaust memory or
// run for days are usage errors naming the flag and the allowed range.
#include "catch_compat.hpp"
#include "ex06/settings.hpp"
#include "ex07/settings.hpp"
#include "ex08/settings.hpp"
#include "vae/error.hpp"
#include "vae/options.hpp"

namespace test_flag_bounds {

namespace {

template <class Settings>
Settings parse(void (*add_flags)(vae::Flags&, Settings&), const std::vector<std::string>& args) {
    return vae::parse_command_line(add_flags, args).settings;
}

}  // namespace

TEST_CASE("exercise 7's subsets, batch and warm-up are bounded by the data and the epochs",
          "[options][mnist]") {
    const auto flags = vae::mnist::add_flags;
    REQUIRE_THROWS_WITH(parse(flags, {"--train-subset", "60001"}), ContainsText("(1 to 60000)"));
    REQUIRE_THROWS_WITH(parse(flags, {"--test-subset", "10001"}), ContainsText("(1 to 10000)"));
    REQUIRE_THROWS_WITH(parse(flags, {"--batch-size", "60001"}), ContainsText("--batch-size"));
    REQUIRE_THROWS_WITH(parse(flags, {"--beta-warmup", "10001"}), ContainsText("(0 to 10000)"));
    REQUIRE_THROWS_WITH(parse(flags, {"--epochs", "10001"}), ContainsText("(1 to 10000)"));
    const auto s = parse(flags, {"--train-subset", "60000", "--test-subset", "10000"});
    CHECK(s.train_subset == 60000);
    CHECK(s.test_subset == 10000);
}

TEST_CASE("exercise 6's latent and demo epochs are bounded", "[options][tabular]") {
    const auto flags = vae::tabular::add_flags;
    REQUIRE_THROWS_WITH(parse(flags, {"--latent", "2000000000"}),
                        ContainsText("--latent expects a positive integer (1 to 4096)"));
    REQUIRE_THROWS_WITH(parse(flags, {"--demo-epochs", "10001"}), ContainsText("(1 to 10000)"));
    CHECK(parse(flags, {"--latent", "4096"}).latent == 4096);
    CHECK(parse(flags, {"--demo-epochs", "10000"}).demo_epochs == 10000);
}

TEST_CASE("exercise 8's image counts are bounded", "[options][circles]") {
    const auto flags = vae::circles::add_flags;
    REQUIRE_THROWS_WITH(parse(flags, {"--n", "2000000000"}),
                        ContainsText("--n expects a positive integer (1 to 1000000)"));
    REQUIRE_THROWS_WITH(parse(flags, {"--test-n", "1000001"}), ContainsText("--test-n"));
    // Each within its bound, but together more images than fit.
    REQUIRE_THROWS_WITH(parse(flags, {"--n", "1000000", "--test-n", "10"}),
                        ContainsText("--n + --test-n must be at most 1000000"));
    CHECK(parse(flags, {"--n", "999990", "--test-n", "10"}).n == 999990);
}

TEST_CASE("parse_arch refuses widths and networks too large to hold", "[options][mnist]") {
    std::vector<int> hidden;
    int latent = 0;
    REQUIRE_THROWS_WITH(
        vae::mnist::parse_arch("784-999999-20", hidden, latent),
        ContainsText("--arch") && ContainsText("a width of 999999 is more than the 4096 allowed"));
    REQUIRE_THROWS_WITH(vae::mnist::parse_arch("784-400-5000", hidden, latent),
                        ContainsText("more than the 4096"));
    // Every width allowed, but 40 layers of 4096 x 4096 weights are not.
    std::string deep = "784";
    for (int i = 0; i < 40; ++i) deep += "-4096";
    REQUIRE_THROWS_WITH(vae::mnist::parse_arch(deep + "-20", hidden, latent),
                        ContainsText("more than 50000000 parameters"));
    vae::mnist::parse_arch("784-4096-4096-20", hidden, latent);
    CHECK(hidden == std::vector<int>{4096, 4096});
    CHECK(latent == 20);
}

}  // namespace test_flag_bounds
