#pragma once
// The record of an exercise program's last run: runs/<program>.json, with the flags it ran
// with, its quantities and notes, and the plots it wrote. ./workbook report
// (scripts/report_page.py) builds plots/index.html from these records.
#include <string>
#include <vector>

#include "vae/exercise.hpp"
#include "vae/options.hpp"
#include "vae/report.hpp"

namespace vae {

inline constexpr int kRunRecordFormat = 1;

// Where records go: $VAE_RUNS_DIR if set, else the folder runs/ beside the plot folder (the
// project's runs/ for the project's plots/), so a run into a temporary plot folder leaves the
// project's records alone.
std::string runs_dir(const Options& options);
std::string run_record_path(const std::string& program, const Options& options);

// Removes the program's previous record, so that a run which then fails leaves no record that
// would pass for its result.
void forget_last_run(const std::string& program, const Options& options);

// Writes the record of a finished run atomically, listing the files noted by
// note_written_file. Never throws: a record that cannot be written costs the page, not the
// run, and a one-line warning on stderr says why.
void record_run(const std::string& program, const ExerciseInfo& info, const Options& options,
                const Report& report);

// The record as JSON text. finished_at: UTC, ISO 8601 ("2025-01-31T12:00:00Z").
std::string run_record_json(const std::string& program, const ExerciseInfo& info, const Options& options,
                            const Report& report, const std::vector<std::string>& plots,
                            const std::string& finished_at);

}  // namespace vae
