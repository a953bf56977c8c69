import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatBytes,
  formatCelsius,
  formatCount,
  formatLoad,
  formatPercent,
  formatPlantTime,
  formatUptime,
  formatWatts,
} from '../../../renderer/views/overview-format';

// Intl puts no-break spaces in some outputs; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('Overview numbers', () => {
  it('write uptime as its two largest units, in each language', () => {
    expect(formatUptime(8_495, 'en')).toBe('2 hr 21 min');
    expect(formatUptime(2 * 86_400 + 7 * 3_600 + 59, 'pt-BR')).toBe('2 dias 7 h');
    expect(formatUptime(86_400 + 120, 'en')).toBe('1 day');
    expect(formatUptime(30, 'en')).toBe('0 min');
  });

  it('write load, percentages, counts and temperatures the way each language does', () => {
    expect(formatLoad(1.755, 'en')).toBe('1.76');
    expect(formatLoad(1.755, 'pt-BR')).toBe('1,76');
    expect(formatPercent(20.1, 'en')).toBe('20%');
    expect(plain(formatPercent(99.6, 'pt-BR'))).toBe('100%');
    expect(formatCount(12_345, 'pt-BR')).toBe('12.345');
    expect(plain(formatCelsius(71.4, 'pt-BR'))).toBe('71 °C');
  });

  it("write the plant time in the plant's zone when it is known", () => {
    const takenAt = '2026-02-19T00:35:00.000Z';
    expect(plain(formatPlantTime(takenAt, 'en', 'America/Sao_Paulo'))).toBe(
      'Feb 18, 2026, 9:35:00 PM GMT-3',
    );
    expect(formatPlantTime(takenAt, 'pt-BR', 'America/Sao_Paulo')).toBe(
      '18 de fev. de 2026, 21:35:00 BRT',
    );
  });
});

describe('ages, sizes and power', () => {
  it('write how long ago in the largest whole unit, in each language', () => {
    expect(formatAgo(0, 'en')).toBe('now');
    expect(formatAgo(5 * 60 + 59, 'en')).toBe('5 minutes ago');
    expect(formatAgo(3 * 3_600, 'pt-BR')).toBe('há 3 horas');
    expect(formatAgo(2 * 86_400, 'en')).toBe('2 days ago');
  });

  it('write bytes in decimal units as docker prints them', () => {
    expect(plain(formatBytes(414_000_000, 'en'))).toBe('414 MB');
    expect(plain(formatBytes(5_789_188_096, 'pt-BR'))).toBe('5,8 GB');
    expect(plain(formatBytes(512, 'en'))).toBe('512 byte');
  });

  it('write watts whole', () => {
    expect(formatWatts(10.78, 'en')).toBe('11 W');
  });
});
