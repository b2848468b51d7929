#pragma once
// What an exercise reports: named quantities (compared with the golden file) and notes
// (printed, not compared). Printed as a table, or as quantity,value lines with --csv.
#include <iosfwd>
#include <string>
#include <vector>

namespace vae {

struct Quantity {
    std::string name;  // as in the golden file and the CSV: "L_recon"
    double value;
    std::string meaning;  // a few words for the table
    double tolerance;     // relative, floored at magnitude 1 (see golden.hpp)
    // false: printed in the table and the CSV, but kept out of the golden file. For numbers
    // the objective does not pin down (the orientation of a latent plane, the argmax of a
    // flat curve): a correct solution on another CPU may land elsewhere.
    bool checked = true;
    // The TODO(s) a wrong value points to, e.g. "3d ii-iii (kl_loss)"; empty: none (lib's).
    std::string depends_on = {};
};

class Report {
public:
    explicit Report(std::string title = "") : title_(std::move(title)) {}

    // Adds a reported quantity. Throws NumericError if value is NaN or infinite, so a broken
    // computation can never be printed as if it were fine.
    void add(const std::string& name, double value, const std::string& meaning, double tolerance = 1e-12);
    // A reported value that the golden file does not hold (see Quantity::checked).
    void add_unchecked(const std::string& name, double value, const std::string& meaning) {
        add(name, value, meaning, 0.0);
        quantities_.back().checked = false;
    }
    // Names the TODO(s) behind every quantity reported so far whose name starts with prefix
    // and that has none yet: a failing golden test then says where to look.
    void depends_on(const std::string& prefix, const std::string& todos) {
        for (auto& q : quantities_)
            if (q.depends_on.empty() && q.name.compare(0, prefix.size(), prefix) == 0) q.depends_on = todos;
    }
    // A line of text printed under the table (comparisons, explanations).
    void note(const std::string& line);

    const std::string& title() const { return title_; }
    const std::vector<Quantity>& quantities() const { return quantities_; }
    const std::vector<std::string>& notes() const { return notes_; }
    const Quantity* find(const std::string& name) const;
    double value(const std::string& name) const;  // throws if absent

    void print_table(std::ostream& out) const;
    void print_csv(std::ostream& out) const;

private:
    std::string title_;
    std::vector<Quantity> quantities_;
    std::vector<std::string> notes_;
};

// Formats a number for people: up to 12 significant digits.
std::string format_value(double v);
// Formats a number for machines: 17 significant digits, which round-trips a double exactly.
std::string format_exact(double v);

}  // namespace vae
