#pragma once
// Writing files so that a crash or an error never leaves half a file behind: write to a
// temporary name in the same folder, then rename over the target (atomic on POSIX).
#include <string>

namespace vae {

// Writes content to path atomically, creating parent folders. Throws InputError naming path
// and the system's reason on failure (including a failing close); the temporary file is then
// removed and path is left as it was.
void write_file_atomically(const std::string& path, const std::string& content);

// A temporary name beside path, unique to this process.
std::string temporary_path_for(const std::string& path);

// Renames tmp over path; removes tmp and throws InputError if that fails.
void commit_temporary(const std::string& tmp, const std::string& path);

// Creates the parent folder of path if needed.
void ensure_parent_dir(const std::string& path);

}  // namespace vae
