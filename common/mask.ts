// Masking of personal data (SPEC M0; C005): shown unmasked only to holders of customer.pii.view.

export function maskPhone(value: string | null): string | null {
  if (!value) return value;
  const digits = value.replace(/\s+/g, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskEmail(value: string | null): string | null {
  if (!value) return value;
  const [local, domain] = value.split("@");
  if (!domain) return "***";
  return `${local.slice(0, 1)}***@${domain}`;
}

export function maskAddress(value: string | null): string | null {
  if (!value) return value;
  return value.length <= 6 ? "****" : `${value.slice(0, 6)}****`;
}
