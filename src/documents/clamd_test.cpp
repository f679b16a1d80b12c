// A real clamd, started by the test with a configuration and a signature database of its own in
// a temporary folder (a signature for the EICAR test string, written here: no freshclam, no
// download), scanning over a unix socket and over TCP, and the scan step of the documents
// service against it. clamd comes from Debian's clamav-daemon, which scripts/deps.sh installs.
#include "documents/clamd.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "db/migrate.hpp"
#include "documents/document_service.hpp"
#include "documents/scan_worker.hpp"

extern char** environ;

namespace loket::documents {
namespace {
namespace fs = std::filesystem;

// The EICAR anti-virus test file, in two pieces so that this source file is not itself flagged.
const std::string kEicar =
    std::string("X5O!P%@AP[4\\PZX54(P^)7CC)7}$") + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string clamd_binary() {
  if (const char* env = std::getenv("LOKET_CLAMD_BIN"); env && *env) return env;
  for (const char* p : {"/usr/sbin/clamd", "/usr/local/sbin/clamd"}) {
    if (fs::exists(p)) return p;
  }
  return "";
}

int free_tcp_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return 0;
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

class ClamdTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto binary = clamd_binary();
    if (binary.empty()) {
      setup_error_ =
          "clamd is not installed: scripts/deps.sh installs clamav-daemon (make test "
          "runs it), or set LOKET_CLAMD_BIN";
      return;
    }
    dir_ = fs::temp_directory_path() / ("loket-clamd-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "db");
    // A body signature (.ndb: name, any file type, any offset, hex bytes): the EICAR string
    // anywhere in a file. The database folder holds this file only.
    std::string hex;
    static constexpr char kHex[] = "0123456789abcdef";
    for (unsigned char c : kEicar) {
      hex += kHex[c >> 4];
      hex += kHex[c & 0x0F];
    }
    std::ofstream(dir_ / "db" / "loket-test.ndb") << "Loket.Test.EICAR:0:*:" << hex << "\n";
    tcp_port_ = free_tcp_port();
    std::ofstream(dir_ / "clamd.conf") << "LocalSocket " << (dir_ / "clamd.sock").string() << "\n"
                                       << "TCPSocket " << tcp_port_ << "\n"
                                       << "TCPAddr 127.0.0.1\n"
                                       << "DatabaseDirectory " << (dir_ / "db").string() << "\n"
                                       << "TemporaryDirectory " << dir_.string() << "\n"
                                       << "LogFile " << (dir_ / "clamd.log").string() << "\n"
                                       << "Foreground yes\n"
                                       << "StreamMaxLength 1M\n";

    auto started = std::chrono::steady_clock::now();
    std::string config = "--config-file=" + (dir_ / "clamd.conf").string();
    std::string out = (dir_ / "clamd.out").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> argv{binary.data(), config.data(), nullptr};
    int rc = ::posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      setup_error_ = "cannot start " + binary + ": " + std::strerror(rc);
      pid_ = 0;
      return;
    }
    ClamdClient probe("unix:" + (dir_ / "clamd.sock").string(), std::chrono::seconds(2));
    // A deadline for a broken set-up, not a speed check.
    auto deadline = started + std::chrono::seconds(120);
    while (!probe.ping()) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        setup_error_ = "clamd exited at start:\n" + read_file(dir_ / "clamd.out") +
                       read_file(dir_ / "clamd.log");
        return;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        setup_error_ = "clamd did not answer PING within 120 s";
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    start_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count();
    std::cout << "[ clamd    ] started with a private signature database in " << start_ms_
              << " ms\n";
  }

  static void TearDownTestSuite() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 500 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      if (::waitpid(pid_, &status, WNOHANG) == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
      pid_ = 0;
    }
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  void SetUp() override {
    // A missing or broken clamd fails every test here: make test must scan for real.
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
    RecordProperty("clamd_start_ms", std::to_string(start_ms_));
  }

  static ClamdClient unix_client() { return ClamdClient("unix:" + (dir_ / "clamd.sock").string()); }
  static ClamdClient tcp_client() {
    return ClamdClient("tcp:127.0.0.1:" + std::to_string(tcp_port_));
  }

  static inline fs::path dir_;
  static inline pid_t pid_ = 0;
  static inline int tcp_port_ = 0;
  static inline std::int64_t start_ms_ = 0;
  static inline std::string setup_error_;
};

TEST_F(ClamdTest, RunsWithOnlyTheTestSignature) {
  auto log = read_file(dir_ / "clamd.log");
  EXPECT_NE(log.find("Reading databases from " + (dir_ / "db").string()), std::string::npos) << log;
  EXPECT_NE(log.find("Loaded 1 signatures"), std::string::npos) << log;
  EXPECT_TRUE(unix_client().ping());
  EXPECT_TRUE(tcp_client().ping());
}

TEST_F(ClamdTest, FindsEicarAndPassesCleanContent) {
  for (const auto& client : {unix_client(), tcp_client()}) {
    auto infected = client.scan_bytes(kEicar);
    EXPECT_EQ(infected.outcome, ScanVerdict::Outcome::Infected);
    EXPECT_EQ(infected.detail, "Loket.Test.EICAR.UNOFFICIAL");
    auto inside = client.scan_bytes(std::string(100'000, 'a') + kEicar + std::string(70'000, 'b'));
    EXPECT_EQ(inside.outcome, ScanVerdict::Outcome::Infected);
    auto clean = client.scan_bytes("Gewoon een brief aan de gemeente.\n");
    EXPECT_EQ(clean.outcome, ScanVerdict::Outcome::Clean) << clean.detail;
    EXPECT_EQ(client.scan_bytes("").outcome, ScanVerdict::Outcome::Clean);
  }
  auto file = dir_ / "eicar.txt";
  std::ofstream(file, std::ios::binary) << kEicar;
  EXPECT_EQ(unix_client().scan_file(file).outcome, ScanVerdict::Outcome::Infected);
}

TEST_F(ClamdTest, PastClamdsSizeLimitIsAnErrorNeverClean) {
  auto verdict = unix_client().scan_bytes(std::string(std::size_t{2} * 1024 * 1024, 'x'));
  EXPECT_EQ(verdict.outcome, ScanVerdict::Outcome::Error);
  EXPECT_NE(verdict.detail.find("size limit"), std::string::npos) << verdict.detail;
}

TEST_F(ClamdTest, AnUnreachableScannerIsUnavailable) {
  ClamdClient nowhere("unix:" + (dir_ / "no-such.sock").string());
  EXPECT_FALSE(nowhere.ping());
  EXPECT_THROW(nowhere.scan_bytes("x"), ClamdUnavailable);
}

// The whole path: uploads wait as pending, are never served before the scan, and the scan step
// marks the clean one clean and refuses the infected one (its file removed, a re-upload refused).
TEST_F(ClamdTest, ScanStepJudgesPendingDocuments) {
  auto work =
      dir_ / ("service-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::create_directories(work);
  auto db = db::open("sqlite:" + (work / "loket.db").string());
  db::migrate(*db);
  BlobStore blobs({.dir = work / "blobs"});
  DocumentService service(*db, blobs, {.scanning = true});
  NewDocument meta{
      .title = "bijlage", .filename = "bijlage.txt", .declared_media_type = "text/plain"};
  auto infected = service.add(kEicar, meta);
  auto clean = service.add("Een gewone bijlage.\n", meta);
  ASSERT_TRUE(infected && clean);
  EXPECT_EQ(infected->blob.scan_status, ScanStatus::Pending);
  EXPECT_EQ(service.download(clean->document.uuid).error().kind, Refusal::Kind::NotScanned);

  // clamd down: nothing is judged, everything stays pending.
  auto down = service.scan_pending(ClamdClient("unix:" + (work / "none.sock").string()));
  EXPECT_TRUE(down.unavailable);
  EXPECT_EQ(down.scanned, 0);
  EXPECT_EQ(service.download(clean->document.uuid).error().kind, Refusal::Kind::NotScanned);

  auto run = service.scan_pending(unix_client());
  EXPECT_FALSE(run.unavailable);
  EXPECT_EQ(run.scanned, 2);
  EXPECT_EQ(run.clean, 1);
  EXPECT_EQ(run.infected, 1);
  auto served = service.download(clean->document.uuid);
  ASSERT_TRUE(served);
  EXPECT_EQ(served->body, "Een gewone bijlage.\n");
  auto refused = service.download(infected->document.uuid);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, Refusal::Kind::Infected);
  EXPECT_FALSE(blobs.find(infected->blob.sha256));
  auto row = db->read_value([&](db::Connection& c) { return find_blob(c, infected->blob.sha256); });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->scan_status, ScanStatus::Infected);
  EXPECT_EQ(row->scan_result, "Loket.Test.EICAR.UNOFFICIAL");
  EXPECT_TRUE(row->scanned_at);
  auto again = service.add(kEicar, meta);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, Refusal::Kind::Infected);
  EXPECT_EQ(service.scan_pending(unix_client()).scanned, 0);  // nothing left waiting
  db.reset();
  fs::remove_all(work);
}

// What serve runs with --clamd: the worker thread turns a pending upload clean without anyone
// calling the scan step.
TEST_F(ClamdTest, ScanWorkerClearsUploadsInTheBackground) {
  auto work =
      dir_ / ("worker-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::create_directories(work);
  {
    auto db = db::open("sqlite:" + (work / "loket.db").string());
    db::migrate(*db);
    BlobStore blobs({.dir = work / "blobs"});
    DocumentService service(*db, blobs, {.scanning = true});
    ScanWorker worker(service, unix_client(), {.poll = std::chrono::milliseconds(10)});
    worker.start();
    auto added =
        service.add("Een bijlage voor de achtergrond.\n", {.title = "t", .filename = "b.txt"});
    ASSERT_TRUE(added);
    // A deadline for a broken worker, not a speed check.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    Result<Download> got = service.download(added->document.uuid);
    while (!got && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      got = service.download(added->document.uuid);
    }
    ASSERT_TRUE(got) << got.error().detail;
    worker.stop();
  }
  fs::remove_all(work);
}

}  // namespace
}  // namespace loket::documents
