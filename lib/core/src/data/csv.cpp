#include "vae/data/csv.hpp"

// GCC 12 reports the parser's (correct) bounded strncpy of the file name once it is inlined
// here, even though the header is a system header; the copy is followed by a terminating '\0'.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#include <libfccp/csv.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>

#include "vae/error.hpp"

namespace vae::data {
namespace {

// Fields may be quoted ("Iris setosa"); spaces and tabs around a field are ignored.
using QuotePolicy = io::double_quote_escape<',', '"'>;
using TrimPolicy = io::trim_chars<' ', '\t'>;

// Where in the file we are, for error messages: "data/iris.csv:17: column 3: ...".
struct Place {
    const std::string& path;
    unsigned line;

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError(path + ":" + std::to_string(line) + ": " + what);
    }
    [[noreturn]] void fail(std::size_t column, const std::string& what) const {
        fail("column " + std::to_string(column + 1) + ": " + what);
    }
};

std::string quoted(const char* text) { return std::string("\"") + text + "\""; }

bool is_blank(const char* line) {
    for (; *line != '\0'; ++line) {
        if (*line != ' ' && *line != '\t') return false;
    }
    return true;
}

// Cuts a line into its fields in place (the parser writes '\0' over the separators).
std::vector<char*> split_fields(char* line, const Place& place) {
    std::vector<char*> fields;
    try {
        while (line != nullptr) {
            char* begin = nullptr;
            char* end = nullptr;
            io::detail::chop_next_column<QuotePolicy>(line, begin, end);
            TrimPolicy::trim(begin, end);
            QuotePolicy::unescape(begin, end);
            fields.push_back(begin);
        }
    } catch (const io::error::escaped_string_not_closed&) {
        place.fail("a quoted field is not closed (expected a closing \")");
    }
    return fields;
}

// An integer field: optional sign, then at least one digit and nothing else. The parser's own
// integer reader would take "" or "-" as 0, so those are refused here first.
std::optional<long long> parse_integer(char* text) {
    const char* digits = (*text == '-' || *text == '+') ? text + 1 : text;
    if (*digits == '\0') return std::nullopt;
    for (const char* c = digits; *c != '\0'; ++c) {
        if (!std::isdigit(static_cast<unsigned char>(*c))) return std::nullopt;
    }
    long long value = 0;
    try {
        io::detail::parse<io::throw_on_overflow>(text, value);
    } catch (const io::error::base&) {  // overflow or underflow
        return std::nullopt;
    }
    return value;
}

// A feature value. std::from_chars instead of the parser's own float reader: that one builds
// the number digit by digit, which can be an ulp away from the correctly rounded double.
double parse_feature(const char* text, std::size_t column, const Place& place) {
    if (*text == '\0') place.fail(column, "expected a number, got an empty field");
    const char* end = text + std::strlen(text);
    double value = 0.0;
    const auto [stop, error] = std::from_chars(text, end, value);
    if (error == std::errc::result_out_of_range) {
        place.fail(column, "expected a number within double range, got " + quoted(text));
    }
    if (error != std::errc() || stop != end) {
        place.fail(column, "expected a number, got " + quoted(text));
    }
    if (!std::isfinite(value)) place.fail(column, "expected a finite number, got " + quoted(text));
    return value;
}

struct Header {
    long long rows = 0;
    long long features = 0;
    std::vector<std::string> class_names;
};

Header parse_header(char* line, const Place& place) {
    const std::vector<char*> fields = split_fields(line, place);
    if (fields.size() < 3) {
        place.fail("expected a header \"rows,features,class names...\" with at least 3 columns, got " +
                   std::to_string(fields.size()));
    }
    Header header;
    const char* what[2] = {"the number of rows", "the number of features"};
    long long* target[2] = {&header.rows, &header.features};
    for (std::size_t column = 0; column < 2; ++column) {
        const std::optional<long long> value = parse_integer(fields[column]);
        if (!value || *value <= 0) {
            place.fail(column, std::string("expected ") + what[column] + " (a positive integer), got " +
                                   quoted(fields[column]));
        }
        *target[column] = *value;
    }
    for (std::size_t column = 2; column < fields.size(); ++column) {
        if (*fields[column] == '\0') place.fail(column, "expected a class name, got an empty field");
        header.class_names.emplace_back(fields[column]);
    }
    return header;
}

std::unique_ptr<io::LineReader> open_lines(const std::string& path) {
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored)) throw InputError(path + ": no such file");
    if (std::filesystem::is_directory(path, ignored)) {
        throw InputError(path + ": is a directory, expected a CSV file");
    }
    try {
        return std::make_unique<io::LineReader>(path);
    } catch (const io::error::can_not_open_file& error) {
        throw InputError(path + ": cannot open the file: " + std::strerror(error.errno_value));
    }
}

}  // namespace

LabeledData load_labeled_csv(const std::string& path) {
    std::unique_ptr<io::LineReader> reader = open_lines(path);

    Header header;
    std::vector<double> values;  // row after row; the header's row count is not trusted for memory
    std::vector<int> labels;
    std::optional<unsigned> first_blank_line;
    bool have_header = false;

    try {
        while (char* line = reader->next_line()) {
            const Place place{path, reader->get_file_line()};
            if (is_blank(line)) {
                // Blank lines are fine at the very end of the file, nowhere else.
                if (!first_blank_line) first_blank_line = place.line;
                continue;
            }
            if (first_blank_line) {
                Place{path, *first_blank_line}.fail(have_header
                                                        ? "expected a data row, got an empty line"
                                                        : "expected the header line, got an empty line");
            }
            if (!have_header) {
                header = parse_header(line, place);
                have_header = true;
                continue;
            }

            const long long row = static_cast<long long>(labels.size()) + 1;
            if (row > header.rows) {
                place.fail("the header (line 1) announces " + std::to_string(header.rows) +
                           " rows, but this is row " + std::to_string(row));
            }
            const std::vector<char*> fields = split_fields(line, place);
            const std::size_t expected_columns = static_cast<std::size_t>(header.features) + 1;
            if (fields.size() != expected_columns) {
                place.fail("expected " + std::to_string(expected_columns) + " columns (" +
                           std::to_string(header.features) + " features and a label), got " +
                           std::to_string(fields.size()));
            }
            for (std::size_t column = 0; column + 1 < fields.size(); ++column) {
                values.push_back(parse_feature(fields[column], column, place));
            }
            const std::size_t label_column = fields.size() - 1;
            char* label_text = fields[label_column];
            const std::optional<long long> label = parse_integer(label_text);
            const long long class_count = static_cast<long long>(header.class_names.size());
            if (!label || *label < 0 || *label >= class_count) {
                place.fail(label_column,
                           "expected a class label, an integer in [0, " + std::to_string(class_count) +
                               "), got " +
                               (*label_text == '\0' ? std::string("an empty field") : quoted(label_text)));
            }
            labels.push_back(static_cast<int>(*label));
        }
    } catch (const io::error::base& error) {  // e.g. a line longer than the parser's buffer
        throw InputError(path + ": " + error.what());
    }

    if (!have_header) {
        throw InputError(path +
                         ": the file is empty, expected a header line \"rows,features,class names...\"");
    }
    if (static_cast<long long>(labels.size()) != header.rows) {
        throw InputError(path + ":" + std::to_string(reader->get_file_line()) + ": the file ends after " +
                         std::to_string(labels.size()) + " rows, but the header (line 1) announces " +
                         std::to_string(header.rows));
    }

    LabeledData data;
    data.features = Eigen::Map<const RowMatrix>(values.data(), static_cast<Eigen::Index>(header.rows),
                                                static_cast<Eigen::Index>(header.features));
    data.labels = std::move(labels);
    data.class_names = std::move(header.class_names);
    return data;
}

}  // namespace vae::data
