// The notes of a golden file's header: the manifest's tolerance_notes with the code's numbers
// filled in, written as "# ..." lines and read back as they were; and the flags that replay a
// golden file's run.
#include "catch_compat.hpp"
#include "temp_dir.hpp"
#include "vae/golden.hpp"

namespace test_golden_notes {

TEST_CASE("tolerance notes get the code's numbers in place of their {name}s", "[golden]") {
    const std::vector<std::string> notes = {"plain text; no names", "pixels ({pixel} per pixel,",
                                            "{centre} per centre) and {pixel} again"};
    const std::vector<std::string> filled = {"plain text; no names", "pixels (1e-06 per pixel,",
                                             "1e-09 per centre) and 1e-06 again"};
    CHECK(vae::tolerance_comments(notes, {{"pixel", "1e-06"}, {"centre", "1e-09"}}) == filled);
    CHECK(vae::tolerance_comments({}, {}).empty());
}

TEST_CASE("a {name} without a value, or a value no note names, is a mistake in the code", "[golden]") {
    REQUIRE_THROWS_WITH(vae::tolerance_comments({"a {pixel} note"}, {}), ContainsText("{pixel}"));
    REQUIRE_THROWS_WITH(vae::tolerance_comments({"a note"}, {{"renamed", "1"}}), ContainsText("{renamed}"));
    REQUIRE_THROWS_WITH(vae::tolerance_comments({"an {unclosed note"}, {{"unclosed", "1"}}),
                        ContainsText("unclosed"));
}

TEST_CASE("the notes are read back from the header as they were written", "[golden]") {
    vae_test::TempDir dir;
    vae::GoldenFile g;
    g.exercise = "exercise9";
    g.generator = "a generator";
    g.parameters = {{"n", "10"}};
    g.comments = {"first note", "", "# a third, with a hash"};
    vae::Quantity q{};
    q.name = "q";
    q.value = 1.5;
    q.tolerance = 1e-12;
    g.quantities.push_back(q);
    vae::write_golden(dir.file("g.golden"), g);
    CHECK(vae::read_golden(dir.file("g.golden")).comments == g.comments);

    g.comments.clear();  // the two lines every file starts with are not notes
    vae::write_golden(dir.file("none.golden"), g);
    CHECK(vae::read_golden(dir.file("none.golden")).comments.empty());
}

TEST_CASE("a golden file's parameters become the flags that replay its run", "[golden]") {
    struct Settings {
        long n = 1;
        bool resume = false, verbose = false;
    };
    const auto add = +[](vae::Flags& f, Settings& s) {
        f.n(s.n).on_off("resume", s.resume, "a switch").on_off("verbose", s.verbose, "another");
    };
    Settings s;
    vae::Options options;
    vae::Flags flags("p", "t");
    add(flags, s);
    flags.add_common(options);
    vae::GoldenFile g;
    g.parameters = {{"n", "10"}, {"resume", "1"}, {"verbose", "0"}};
    const std::vector<std::string> args = vae::golden_run_args(g, flags);
    CHECK(args == std::vector<std::string>{"--no-plots", "--n", "10", "--resume"});
    flags.parse(args);
    CHECK(s.n == 10);
    CHECK(s.resume);
    CHECK_FALSE(s.verbose);
    CHECK_FALSE(options.plots());
    CHECK(options.parameters() == vae::FlagValues{{"n", "10"}, {"resume", "1"}, {"verbose", "0"}});
}

}  // namespace test_golden_notes
