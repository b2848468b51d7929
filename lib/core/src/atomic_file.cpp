#include "vae/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "vae/error.hpp"

namespace vae {

namespace fs = std::filesystem;

namespace {

// The reason must be taken from errno before anything else runs: the clean-up after a
// failure (close, remove) sets errno itself, and the message would then end in "Success".
[[noreturn]] void fail(const std::string& path, const std::string& tmp, const std::string& what, int error) {
    std::error_code ignored;
    if (!tmp.empty()) fs::remove(tmp, ignored);
    throw InputError(path + ": " + what + ": " + std::strerror(error));
}

}  // namespace

void ensure_parent_dir(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw InputError(path + ": cannot create folder " + parent.string() + ": " + ec.message());
}

std::string temporary_path_for(const std::string& path) {
    return path + ".tmp." + std::to_string(::getpid());
}

void commit_temporary(const std::string& tmp, const std::string& path) {
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        const std::string reason = ec.message();
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw InputError(path + ": cannot write the file: " + reason);
    }
}

void write_file_atomically(const std::string& path, const std::string& content) {
    ensure_parent_dir(path);
    const std::string tmp = temporary_path_for(path);
    // POSIX calls rather than a stream: a stream keeps no errno, and its close() on
    // destruction would hide the error a full disk or a network file system reports there.
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        const int error = errno;
        // Nothing was created, and whatever holds the name (a folder, say) is not ours.
        fail(path, "", "cannot create the temporary file " + tmp, error);
    }
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, left);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) {
            // write() returning 0 for a regular file means no progress is possible.
            const int error = written < 0 ? errno : ENOSPC;
            ::close(fd);
            fail(path, tmp, "cannot write the file", error);
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
    if (::close(fd) != 0) {
        // The kernel may report a delayed write error only here; the file is then incomplete.
        const int error = errno;
        fail(path, tmp, "cannot write the file (error on close)", error);
    }
    commit_temporary(tmp, path);
}

}  // namespace vae
