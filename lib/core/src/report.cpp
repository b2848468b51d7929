#include "vae/report.hpp"

#include <cmath>
#include <ostream>
#include <stdexcept>

#include "vae/error.hpp"
#include "vae/format.hpp"

namespace vae {

std::string format_value(double v) { return significant(v, 12); }

std::string format_exact(double v) { return significant(v, 17); }

void Report::add(const std::string& name, double value, const std::string& meaning, double tolerance) {
    if (!std::isfinite(value))
        throw NumericError("the computed value of " + name + " is " + format_value(value) +
                           ": something upstream produced NaN or Inf");
    // Caught here, where the code that chose it is named, not later by the golden reader.
    if (!(tolerance >= 0) || !std::isfinite(tolerance))
        throw std::invalid_argument("the tolerance of " + name + " is " + format_value(tolerance) +
                                    ": a tolerance must be a finite number >= 0");
    for (const auto& q : quantities_)
        if (q.name == name) throw std::logic_error("quantity reported twice: " + name);
    quantities_.push_back({name, value, meaning, tolerance});
}

void Report::note(const std::string& line) { notes_.push_back(line); }

const Quantity* Report::find(const std::string& name) const {
    for (const auto& q : quantities_)
        if (q.name == name) return &q;
    return nullptr;
}

double Report::value(const std::string& name) const {
    const Quantity* q = find(name);
    if (!q) throw std::logic_error("no reported quantity named " + name);
    return q->value;
}

void Report::print_table(std::ostream& out) const {
    std::size_t name_w = 8, value_w = 5;
    for (const auto& q : quantities_) {
        name_w = std::max(name_w, q.name.size());
        value_w = std::max(value_w, format_value(q.value).size());
    }
    auto pad = [&](const std::string& s, std::size_t w) { return s + std::string(w - s.size(), ' '); };
    auto lpad = [&](const std::string& s, std::size_t w) { return std::string(w - s.size(), ' ') + s; };
    if (!title_.empty()) out << title_ << "\n\n";
    out << "  " << pad("quantity", name_w) << "  " << lpad("value", value_w) << "  meaning\n";
    out << "  " << std::string(name_w, '-') << "  " << std::string(value_w, '-') << "  -------\n";
    for (const auto& q : quantities_)
        out << "  " << pad(q.name, name_w) << "  " << lpad(format_value(q.value), value_w) << "  "
            << q.meaning << "\n";
    if (!notes_.empty()) out << "\n";
    for (const auto& n : notes_) out << n << "\n";
}

void Report::print_csv(std::ostream& out) const {
    out << "quantity,value\n";
    for (const auto& q : quantities_) out << q.name << "," << format_exact(q.value) << "\n";
}

}  // namespace vae
