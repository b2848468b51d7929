#include "ex07/epoch_log.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "vae/error.hpp"

namespace vae::mnist {

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::stringstream in(line);
    while (std::getline(in, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
}

}  // namespace

std::vector<nn::EpochStats> read_epoch_log(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path + ": cannot read the training log");
    std::string line;
    const std::string header = nn::epoch_csv_header();
    if (!std::getline(in, line) || line != header)
        throw InputError(path + ", line 1: expected the header '" + header + "'");
    const std::vector<std::string> names = split(header);
    const std::size_t columns = names.size();
    const auto column = [&](const std::string& name) {
        for (std::size_t c = 0; c < columns; ++c)
            if (names[c] == name) return c;
        throw std::logic_error("read_epoch_log: nn::epoch_csv_header() has no column " + name);
    };
    const std::size_t c_epoch = column("epoch"), c_beta = column("beta"), c_total = column("total"),
                      c_recon = column("recon"), c_kl = column("kl"), c_norm = column("grad_norm"),
                      c_test_total = column("test_total"), c_test_recon = column("test_recon"),
                      c_test_kl = column("test_kl"), c_seconds = column("seconds");

    std::vector<nn::EpochStats> log;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (int line_no = 2; std::getline(in, line); ++line_no) {
        if (line.empty()) continue;
        const std::vector<std::string> f = split(line);
        if (f.size() != columns)
            throw InputError(path + ", line " + std::to_string(line_no) + ": expected " +
                             std::to_string(columns) + " comma-separated fields, got " +
                             std::to_string(f.size()));
        std::vector<double> v(columns);
        for (std::size_t c = 0; c < columns; ++c) {
            // The test columns are empty when a run had no test set.
            const bool may_be_empty = c == c_test_total || c == c_test_recon || c == c_test_kl;
            if (f[c].empty() && may_be_empty) {
                v[c] = nan;
                continue;
            }
            char* end = nullptr;
            errno = 0;
            v[c] = std::strtod(f[c].c_str(), &end);
            if (f[c].empty() || *end != '\0' || errno == ERANGE || !std::isfinite(v[c]))
                throw InputError(path + ", line " + std::to_string(line_no) + ", column " +
                                 std::to_string(c + 1) + " (" + names[c] + "): expected a number, got '" +
                                 f[c] + "'");
        }
        nn::EpochStats s;
        s.epoch = static_cast<int>(v[c_epoch]);
        s.beta = v[c_beta];
        s.total = v[c_total];
        s.recon = v[c_recon];
        s.kl = v[c_kl];
        s.grad_norm = v[c_norm];
        s.test_total = v[c_test_total];
        s.test_recon = v[c_test_recon];
        s.test_kl = v[c_test_kl];
        s.has_test = !std::isnan(s.test_recon);
        s.seconds = v[c_seconds];
        log.push_back(s);
    }
    return log;
}

}  // namespace vae::mnist
