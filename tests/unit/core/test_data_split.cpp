// The stratified train/test split: proportions per class, a partition of the rows, and
// determinism in the seed.
#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>

#include "catch_compat.hpp"
#include "vae/data/csv.hpp"
#include "vae/data/split.hpp"

namespace test_data_split {

using vae::data::SplitIndices;
using vae::data::stratified_split;

namespace {

vae::data::LabeledData load(const std::string& name) {
    return vae::data::load_labeled_csv(std::string(VAE_SOURCE_DIR) + "/data/" + name);
}

std::map<int, std::size_t> class_counts(const std::vector<std::size_t>& rows,
                                        const std::vector<int>& labels) {
    std::map<int, std::size_t> counts;
    for (std::size_t row : rows) ++counts[labels[row]];
    return counts;
}

// Every row 0..n-1 appears exactly once in train + test.
bool is_partition(const SplitIndices& split, std::size_t n) {
    std::vector<std::size_t> all = split.train;
    all.insert(all.end(), split.test.begin(), split.test.end());
    std::sort(all.begin(), all.end());
    std::vector<std::size_t> expected(n);
    std::iota(expected.begin(), expected.end(), std::size_t{0});
    return all == expected;
}

}  // namespace

TEST_CASE("stratified split of iris: 10 of each 50 to the test set", "[data]") {
    const auto iris = load("iris.csv");
    const SplitIndices split = stratified_split(iris.labels, 42);
    CHECK(split.train.size() == 120);
    CHECK(split.test.size() == 30);
    CHECK(class_counts(split.test, iris.labels) == std::map<int, std::size_t>{{0, 10}, {1, 10}, {2, 10}});
    CHECK(class_counts(split.train, iris.labels) == std::map<int, std::size_t>{{0, 40}, {1, 40}, {2, 40}});
    CHECK(is_partition(split, 150));
    CHECK(std::is_sorted(split.train.begin(), split.train.end()));
    CHECK(std::is_sorted(split.test.begin(), split.test.end()));
}

TEST_CASE("stratified split of wine rounds each class's share", "[data]") {
    const auto wine = load("wine.csv");
    const SplitIndices split = stratified_split(wine.labels, 7);
    // 20% of 59, 71, 48 = 11.8, 14.2, 9.6 -> 12, 14, 10.
    CHECK(class_counts(split.test, wine.labels) == std::map<int, std::size_t>{{0, 12}, {1, 14}, {2, 10}});
    CHECK(class_counts(split.train, wine.labels) == std::map<int, std::size_t>{{0, 47}, {1, 57}, {2, 38}});
    CHECK(is_partition(split, 178));

    const SplitIndices quarter = stratified_split(wine.labels, 7, 0.25);
    // 25% of 59, 71, 48 = 14.75, 17.75, 12 -> 15, 18, 12.
    CHECK(class_counts(quarter.test, wine.labels) == std::map<int, std::size_t>{{0, 15}, {1, 18}, {2, 12}});
}

TEST_CASE("the split depends on the seed and on nothing else", "[data]") {
    const auto iris = load("iris.csv");
    const SplitIndices a = stratified_split(iris.labels, 1234);
    const SplitIndices b = stratified_split(iris.labels, 1234);
    const SplitIndices c = stratified_split(iris.labels, 1235);
    CHECK(a.train == b.train);
    CHECK(a.test == b.test);
    CHECK(a.test != c.test);
    CHECK(class_counts(c.test, iris.labels) == class_counts(a.test, iris.labels));
}

TEST_CASE("split edge cases: fractions 0 and 1, unusual labels, bad fractions", "[data]") {
    const std::vector<int> labels = {5, -2, 5, 5, -2, 9};
    const SplitIndices none = stratified_split(labels, 3, 0.0);
    CHECK(none.test.empty());
    CHECK(none.train == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
    const SplitIndices all = stratified_split(labels, 3, 1.0);
    CHECK(all.train.empty());
    CHECK(all.test == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
    // Half: round(1.5) = 2 of the three 5s, 1 of the two -2s, round(0.5) = 1 of the single 9.
    const SplitIndices half = stratified_split(labels, 3, 0.5);
    CHECK(class_counts(half.test, labels) == std::map<int, std::size_t>{{-2, 1}, {5, 2}, {9, 1}});
    CHECK(is_partition(half, labels.size()));

    REQUIRE_THROWS_AS(stratified_split(labels, 3, -0.1), std::invalid_argument);
    REQUIRE_THROWS_AS(stratified_split(labels, 3, 1.5), std::invalid_argument);
}

TEST_CASE("apply_split copies the listed rows with their labels", "[data]") {
    const auto iris = load("iris.csv");
    const SplitIndices split = stratified_split(iris.labels, 42);
    const vae::data::TrainTest parts = vae::data::apply_split(iris, split);
    REQUIRE(parts.train.rows() == 120);
    REQUIRE(parts.test.rows() == 30);
    CHECK(parts.test.class_names == iris.class_names);
    for (std::size_t i = 0; i < split.test.size(); ++i) {
        const auto row = static_cast<Eigen::Index>(split.test[i]);
        CHECK(parts.test.features.row(static_cast<Eigen::Index>(i)) == iris.features.row(row));
        CHECK(parts.test.labels[i] == iris.labels[split.test[i]]);
    }
    REQUIRE_THROWS_AS(vae::data::select_rows(iris, {150}), std::out_of_range);
}

}  // namespace test_data_split
