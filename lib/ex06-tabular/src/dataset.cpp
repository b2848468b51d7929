#include "ex06/dataset.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "vae/data/csv.hpp"
#include "vae/data/split.hpp"

namespace vae::tabular {

Dataset load_dataset(const std::string& data_dir, const std::string& name, std::uint64_t seed,
                     double test_fraction) {
    const data::LabeledData all = data::load_labeled_csv(data_dir + "/" + name + ".csv");
    const data::TrainTest split =
        data::apply_split(all, data::stratified_split(all.labels, seed, test_fraction));
    Dataset d;
    d.name = name;
    d.train = split.train;
    d.test = split.test;
    d.feature_names = feature_names(name, static_cast<int>(all.feature_count()));
    return d;
}

std::vector<std::string> feature_names(const std::string& dataset, int columns) {
    // In file order, as data/README.md describes the columns.
    static const std::vector<std::string> iris = {"sepal length (cm)", "sepal width (cm)",
                                                  "petal length (cm)", "petal width (cm)"};
    static const std::vector<std::string> wine = {
        "alcohol",         "malic acid",       "ash",        "alcalinity of ash",
        "magnesium",       "total phenols",    "flavanoids", "nonflavanoid phenols",
        "proanthocyanins", "colour intensity", "hue",        "OD280/OD315",
        "proline"};
    if (dataset == "iris" && columns == static_cast<int>(iris.size())) return iris;
    if (dataset == "wine" && columns == static_cast<int>(wine.size())) return wine;
    std::vector<std::string> names;
    for (int j = 0; j < columns; ++j) names.push_back("feature " + std::to_string(j + 1));
    return names;
}

Eigen::VectorXd class_separation(const data::RowMatrix& x, const std::vector<int>& labels) {
    const Eigen::Index n = x.rows();
    if (static_cast<Eigen::Index>(labels.size()) != n)
        throw std::invalid_argument("class_separation: " + std::to_string(labels.size()) + " labels for " +
                                    std::to_string(n) + " rows");
    int k_max = -1;
    for (int l : labels) {
        if (l < 0) throw std::invalid_argument("class_separation: negative label");
        k_max = std::max(k_max, l);
    }
    const int classes = k_max + 1;
    std::vector<double> count(classes, 0.0);
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(classes, x.cols());
    for (Eigen::Index i = 0; i < n; ++i) {
        count[labels[i]] += 1.0;
        sums.row(labels[i]) += x.row(i);
    }
    const int present =
        static_cast<int>(std::count_if(count.begin(), count.end(), [](double c) { return c > 0; }));
    if (present < 2 || present >= n)
        throw std::invalid_argument(
            "class_separation needs at least 2 classes and more samples than classes");

    const Eigen::RowVectorXd mean = x.colwise().mean();
    Eigen::RowVectorXd between = Eigen::RowVectorXd::Zero(x.cols());
    for (int k = 0; k < classes; ++k)
        if (count[k] > 0) {
            const Eigen::RowVectorXd mk = sums.row(k) / count[k];
            between += count[k] * (mk - mean).array().square().matrix();
        }
    Eigen::RowVectorXd within = Eigen::RowVectorXd::Zero(x.cols());
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::RowVectorXd mk = sums.row(labels[i]) / count[labels[i]];
        within += (x.row(i) - mk).array().square().matrix();
    }
    Eigen::VectorXd f(x.cols());
    const double df_between = present - 1.0, df_within = static_cast<double>(n) - present;
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        if (within(j) > 0)
            f(j) = (between(j) / df_between) / (within(j) / df_within);
        else
            f(j) = between(j) > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    }
    return f;
}

std::vector<int> most_separating_features(const data::RowMatrix& x, const std::vector<int>& labels,
                                          int count) {
    const Eigen::VectorXd f = class_separation(x, labels);
    std::vector<int> order(static_cast<std::size_t>(f.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return f(a) > f(b); });
    order.resize(std::min<std::size_t>(order.size(), static_cast<std::size_t>(std::max(count, 0))));
    std::sort(order.begin(), order.end());
    return order;
}

}  // namespace vae::tabular
