// Atomic writes: a failure names the file and the system's real reason (never "Success"),
// leaves the target as it was and no temporary file beside it.
#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "catch_compat.hpp"
#include "temp_dir.hpp"
#include "vae/atomic_file.hpp"
#include "vae/error.hpp"

namespace test_atomic_file {

namespace fs = std::filesystem;

namespace {

std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Everything in dir but the names given.
std::vector<std::string> others(const vae_test::TempDir& dir, const std::vector<std::string>& expected) {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(dir.file(""))) {
        const std::string name = entry.path().filename().string();
        if (std::find(expected.begin(), expected.end(), name) == expected.end()) found.push_back(name);
    }
    return found;
}

// Lowers the process's file size limit for the scope: writes beyond it fail with EFBIG, the
// way a full disk fails them with ENOSPC. SIGXFSZ would kill the process; ignored, the
// write returns the error instead.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &old_);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = old_;
        limit.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit old_{};
    void (*old_handler_)(int) = nullptr;
};

}  // namespace

TEST_CASE("an atomic write replaces the file and leaves nothing beside it", "[atomic_file]") {
    vae_test::TempDir dir;
    const std::string path = dir.file("sub/out.txt");
    vae::write_file_atomically(path, "first");
    vae::write_file_atomically(path, "second");
    CHECK(contents(path) == "second");
    CHECK(others(dir, {"sub"}).empty());
    CHECK(fs::directory_iterator(dir.file("sub"))->path().filename() == "out.txt");
}

TEST_CASE("a failing write says why, keeps the old file and removes the temporary one", "[atomic_file]") {
    vae_test::TempDir dir;
    const std::string path = dir.write("out.txt", "old contents");
    {
        FileSizeLimit limit(1000);
        REQUIRE_THROWS_WITH(vae::write_file_atomically(path, std::string(5000, 'x')),
                            ContainsText(path) && ContainsText("File too large") && !ContainsText("Success"));
    }
    CHECK(contents(path) == "old contents");
    CHECK(others(dir, {"out.txt"}).empty());
}

TEST_CASE("a failing rename says why and removes the temporary file", "[atomic_file]") {
    vae_test::TempDir dir;
    // A non-empty folder where the file should go: rename() refuses to replace it.
    const std::string path = dir.file("target");
    fs::create_directories(path);
    dir.write("target/keep", "x");
    REQUIRE_THROWS_WITH(vae::write_file_atomically(path, "data"),
                        ContainsText(path) && ContainsText("Is a directory") && !ContainsText("Success"));
    CHECK(others(dir, {"target"}).empty());
    CHECK(fs::exists(dir.file("target/keep")));
}

TEST_CASE("a temporary name that cannot be created is reported and left alone", "[atomic_file]") {
    vae_test::TempDir dir;
    const std::string path = dir.file("out.txt");
    // Something else already holds the temporary name: not ours to remove.
    fs::create_directories(vae::temporary_path_for(path));
    REQUIRE_THROWS_WITH(vae::write_file_atomically(path, "data"),
                        ContainsText(path) && ContainsText("Is a directory"));
    CHECK(fs::is_directory(vae::temporary_path_for(path)));
    CHECK_FALSE(fs::exists(path));
}

}  // namespace test_atomic_file
