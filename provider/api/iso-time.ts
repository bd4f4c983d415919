/**
 * `2026-01-15T00:00:00Z` for a Unix time in seconds: what `new Date(s * 1000).toISOString()` gives
 * without the milliseconds, computed with integer arithmetic (the days-to-civil-date algorithm of
 * H. Hinnant). Reports render one or two of these per certificate; at 100,000 certificates the Date
 * round trip was a tenth of the evaluation's time.
 */
export function isoFromUnixSeconds(unixSeconds: number): string {
    const total = Math.floor(unixSeconds);
    const days = Math.floor(total / 86_400);
    const secondsOfDay = total - days * 86_400;
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const dayOfEra = z - era * 146_097;
    const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
    const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
    const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
    const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    const hours = Math.floor(secondsOfDay / 3600);
    const minutes = Math.floor((secondsOfDay % 3600) / 60);
    const seconds = secondsOfDay % 60;
    return `${year}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}Z`;
}

function two(n: number): string {
    return n < 10 ? `0${n}` : `${n}`;
}
