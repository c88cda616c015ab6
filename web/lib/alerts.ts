import i18n from "../i18n";

/** The notifications worth interrupting someone for: green channel, a missed time limit, new work. */
export const ALERT_KINDS = [
  "green_channel",
  "sla_escalated",
  "assigned",
  "work_order_assigned",
  "transferred",
];

const STORAGE_KEY = "kefu.desktopAlerts";

/** Whether this browser shows desktop notifications and plays a sound (the user turns it on and off). */
export const alertsEnabled = () => localStorage.getItem(STORAGE_KEY) === "on";

/** Turns alerts on (asking the browser's permission for desktop notifications; the sound needs none) or off. */
export async function setAlerts(on: boolean): Promise<void> {
  localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
  if (on && typeof Notification !== "undefined" && Notification.permission === "default")
    await Notification.requestPermission().catch(() => undefined);
}

/** Two short tones, made in the browser (no file to load); silent where the browser allows no sound. */
function chime() {
  if (typeof AudioContext === "undefined") return;
  const audio = new AudioContext();
  [880, 1320].forEach((frequency, i) => {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.15, audio.currentTime + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.18 + 0.16);
    tone.connect(gain).connect(audio.destination);
    tone.start(audio.currentTime + i * 0.18);
    tone.stop(audio.currentTime + i * 0.18 + 0.17);
  });
}

/** Alerts for one live notification, if it is of a kind worth it and the user wants alerts. */
export function alertFor(kind: string | undefined, params: Record<string, string> = {}, ticketId?: string) {
  if (!kind || !ALERT_KINDS.includes(kind) || !alertsEnabled()) return;
  try {
    chime();
  } catch {
    // No sound here (a browser without audio); the desktop notification still comes.
  }
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const shown = new Notification(i18n.t("app.name"), {
    body: i18n.t(`notification.${kind}`, params),
    tag: ticketId,
  });
  shown.onclick = () => {
    window.focus();
    if (ticketId) location.assign(`/tickets/${ticketId}`);
  };
}
