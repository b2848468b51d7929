#pragma once
// A seeded, stratified train/test split: every class is split in the same proportion, so a
// small test set still holds each class in the share it has in the whole data set.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "vae/data/labeled_data.hpp"

namespace vae::data {

struct SplitIndices {
    std::vector<std::size_t> train;  // row indices, ascending
    std::vector<std::size_t> test;   // row indices, ascending
};

// For each class (in ascending label order) the rows of that class are shuffled with
// vae::Rng(seed, Stream::Split) and the first round(test_fraction * class size) go to the test
// set, the rest to the training set. Every row lands in exactly one of the two. The same seed
// gives the same split on every platform. Throws std::invalid_argument unless
// 0 <= test_fraction <= 1.
SplitIndices stratified_split(const std::vector<int>& labels, std::uint64_t seed, double test_fraction = 0.2);

struct TrainTest {
    LabeledData train;
    LabeledData test;
};

// The two subsets a split describes.
TrainTest apply_split(const LabeledData& data, const SplitIndices& split);

}  // namespace vae::data
