// The proxy's relay: each client command goes to the real server and its
// reply back, one at a time (pipelined commands wait in the socket); a
// BODY/ARTICLE the rules pick gets its fault instead.
#include <cctype>
#include <chrono>
#include <thread>

#include "support/fault_proxy.h"
#include "support/fault_proxy_wire.h"

namespace nzbd::test {
namespace {

struct Command {
  std::string verb;  // upper case
  std::string id;    // the message-id without <>, if any
};

Command parse_command(const std::string& line) {
  Command c;
  size_t sp = line.find(' ');
  c.verb = line.substr(0, sp == std::string::npos ? line.find('\r') : sp);
  for (auto& ch : c.verb) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  size_t lt = line.find('<'), gt = line.find('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) c.id = line.substr(lt + 1, gt - lt - 1);
  return c;
}

// Half of a reply, cut at a line end so the client sees a well-formed but
// short block.
std::string truncated(const std::string& reply) {
  size_t cut = reply.rfind("\r\n", reply.size() / 2);
  if (cut == std::string::npos || cut < reply.find("\r\n")) return reply;
  return reply.substr(0, cut + 2) + ".\r\n";
}

// One data byte in the middle of the yEnc body changed (not a line end, dot,
// escape or escaped byte), so the article still parses but its CRC fails.
std::string corrupted(std::string reply) {
  size_t body = reply.find("\r\n");
  for (size_t pos = std::max(body, reply.size() / 2); pos + 8 < reply.size(); ++pos) {
    const char c = reply[pos], before = reply[pos - 1];
    const size_t line_start = reply.rfind("\r\n", pos);
    if (line_start != std::string::npos && reply.compare(line_start + 2, 2, "=y") == 0) continue;
    if (c == '\r' || c == '\n' || c == '=' || c == '.' || before == '=' || before == '\n') continue;
    reply[pos] = c == 'a' ? 'b' : 'a';
    return reply;
  }
  return reply;
}

bool trickle(int fd, const std::string& data, size_t piece, int pause_ms, const std::atomic<bool>& stopping) {
  for (size_t at = 0; at < data.size(); at += piece) {
    if (stopping || !wire::send_all(fd, std::string_view(data).substr(at, piece))) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
  }
  return true;
}

}  // namespace

// Returns when either side closes (or a fault closed the connection).
bool FaultProxy::relay(int client, int upstream) {
  wire::Reader from_client(client), from_server(upstream);
  std::string line, reply;
  if (!from_server.line(line) || !wire::send_all(client, line)) return false;
  while (!stopping_ && from_client.line(line)) {
    const Command cmd = parse_command(line);
    std::optional<Fault> fault;
    if ((cmd.verb == "BODY" || cmd.verb == "ARTICLE") && !cmd.id.empty()) {
      ++articles_;
      fault = article_fault(cmd.id);
    }
    if (fault) count(*fault);
    // Faults that answer without asking the server.
    if (fault == Fault::NotFound) {
      if (!wire::send_all(client, "430 no such article (fault proxy)\r\n")) return false;
      continue;
    }
    if (fault == Fault::Garbage) {
      if (!wire::send_all(client, "\x16\x03\x01\xff\xfe garbage (fault proxy) \x01\x02\r\n"))
        return false;
      continue;
    }
    if (fault == Fault::WrongStatus) {
      if (!wire::send_all(client, "223 0 <" + cmd.id + "> article exists (fault proxy)\r\n")) return false;
      continue;
    }
    if (fault == Fault::Stall) {
      wire::drain_until_closed(client);
      return false;
    }
    if (!wire::send_all(upstream, line) || !from_server.reply(reply)) return false;
    const bool body = reply.rfind("22", 0) == 0;  // 220/222: a block we can spoil
    if (fault == Fault::Drop) {
      wire::send_all(client, std::string_view(reply).substr(0, reply.size() / 2));
      return false;
    }
    if (fault == Fault::Trickle) {
      if (!trickle(client, reply, options_.trickle_bytes, options_.trickle_ms, stopping_)) return false;
      continue;
    }
    if (fault == Fault::Truncate && body) reply = truncated(reply);
    if (fault == Fault::Corrupt && body) reply = corrupted(std::move(reply));
    if (!wire::send_all(client, reply)) return false;
    if (cmd.verb == "QUIT") return true;
  }
  return false;
}

}  // namespace nzbd::test
