// A real SMTP server (npm smtp-server) that keeps what it receives, parsed by npm mailparser.
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

// Starts on `port` (0: any free port); resolves { port, mails, waitForMail(pred, ms), stop() }.
export async function startSmtp({ port = 0 } = {}) {
  const mails = [];
  const waiters = new Set();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        mail.envelope = {
          from: session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        mails.push(mail);
        for (const w of waiters) w();
        callback();
      }, callback);
    },
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    port: server.server.address().port,
    mails,
    // Resolves with the first mail matching pred, or rejects after ms.
    waitForMail(pred = () => true, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = mails.find(pred);
          if (hit) { done(); resolve(hit); }
        };
        const timer = setTimeout(() => { done(); reject(new Error(`no matching mail within ${ms} ms`)); }, ms);
        const done = () => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
        check();
      });
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
