/**
 * A readable name for the device and browser of a session, from its User-Agent header (pure). Only
 * what a person needs to recognise their own devices ("Chrome on Mac"), never a fingerprint.
 */
export type DeviceDescription = { device: string; browser: string };

const OS_RULES: [RegExp, string][] = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android.*Mobile/, "Android phone"],
  [/Android/, "Android tablet"],
  [/Windows NT/, "Windows"],
  [/CrOS/, "Chromebook"],
  [/Mac OS X|Macintosh/, "Mac"],
  [/Linux/, "Linux"],
];

// Order matters: Edge and Opera also say "Chrome"; Chrome also says "Safari".
const BROWSER_RULES: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/SamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/Firefox\/(\d+)|FxiOS\/(\d+)/, "Firefox"],
  [/CriOS\/(\d+)|Chrome\/(\d+)/, "Chrome"],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
];

export function describeUserAgent(ua: string | null | undefined): DeviceDescription {
  const s = (ua ?? "").slice(0, 400);
  if (!s.trim()) return { device: "Unknown device", browser: "Unknown browser" };
  const device = OS_RULES.find(([re]) => re.test(s))?.[1] ?? "Unknown device";
  for (const [re, name] of BROWSER_RULES) {
    const m = re.exec(s);
    if (m) {
      const version = m.slice(1).find((v) => v !== undefined);
      return { device, browser: version ? `${name} ${version}` : name };
    }
  }
  return {
    device,
    browser: /bot|crawl|spider/i.test(s)
      ? "Bot"
      : /node|undici|curl|wget/i.test(s)
        ? "Script"
        : "Unknown browser",
  };
}
