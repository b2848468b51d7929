#pragma once
// Reads a labelled data set from CSV in the layout of data/iris.csv and data/wine.csv:
//
//   150,4,setosa,versicolor,virginica      <- rows, features, then one name per class
//   5.1,3.5,1.4,0.2,0                      <- the features, then the integer class label
//   ...
//
// Lines are read and split into fields by the Fast C++ CSV Parser (io::LineReader and its
// column chopper), and integers are parsed by it too. Feature values are converted with
// std::from_chars instead, which is correctly rounded: "5.1" becomes exactly the double 5.1 that
// any other program reading the file gets. The parser's own float reader adds up digits one by
// one and lands an ulp away on 500 of the 2492 values in wine.csv.
#include <string>

#include "vae/data/labeled_data.hpp"

namespace vae::data {

// Loads and validates the whole file. Throws vae::InputError, naming the file, the line and
// the column, if anything is off: a missing file, a malformed header, a row with the wrong
// number of columns, an empty or non-numeric field (trailing junk such as "5.1x" included), a
// label that is not an integer in [0, number of classes), or a row count that differs from the
// header's. Nothing is returned unless the whole file is good. A UTF-8 byte order mark, CRLF
// line ends, spaces around fields and blank lines at the very end of the file are accepted.
LabeledData load_labeled_csv(const std::string& path);

}  // namespace vae::data
