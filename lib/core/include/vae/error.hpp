#pragma once
// The workbook's exception types. Every message names what was wrong and what was expected,
// so that a program can print e.what() and exit without a stack trace.
#include <stdexcept>
#include <string>

namespace vae {

// Something outside the program was wrong: a file, a flag, a value read from disk.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A data set the program needs is not on this machine (for example MNIST before
// scripts/fetch-mnist has run). The message says which command or package provides it.
// Programs exit with status 1; golden tests report "skipped" (77), never "passed".
struct MissingData : InputError {
    using InputError::InputError;
};

// A command-line flag was wrong. Programs exit with status 2 on this one.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Numbers went wrong during a computation (NaN or Inf during training, for example).
struct NumericError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A student's TODO that has not been written yet. The exercise's test reports it as skipped.
struct NotImplemented : std::logic_error {
    using std::logic_error::logic_error;
};

// Marks a student's TODO. It never returns, so a stub needs no dummy return value.
[[noreturn]] inline void todo(const std::string& what) { throw NotImplemented("TODO " + what); }

// The same, for a value inside a formula the student still has to write:
//     const double loss = vae::todo_number("3d iv: ...");
[[noreturn]] inline double todo_number(const std::string& what) { todo(what); }

}  // namespace vae
