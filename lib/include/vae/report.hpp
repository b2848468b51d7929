#pragma once
// What an exercise reports: named quantities (compared with the golden file) and notes
// (printed, not compared). Printed as a table, or as quantity,value lines with --csv.
#include <iosfwd>
#include <string>
#include <vector>

namespace vae {

struct Quantity {
    std::string name;     // as in the golden file and the CSV: "L_recon"
    double value;
    std::string meaning;  // a few words for the table
    double tolerance;     // relative, floored at magnitude 1 (see golden.hpp)
};

class Report {
public:
    explicit Report(std::string title = "") : title_(std::move(title)) {}

    // Adds a reported quantity. Throws NumericError if value is NaN or infinite, so a broken
    // computation can never be printed as if it were fine.
    void add(const std::string& name, double value, const std::string& meaning,
             double tolerance = 1e-12);
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
