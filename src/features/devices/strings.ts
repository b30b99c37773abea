import type { Locale } from '../../domain/shared/locale';
import { en } from './strings.en';
import { ja } from './strings.ja';

/** Text of the lost-device cards, for one language. Templates read it as `${t.deviceReport.title}`. */
export interface DeviceStrings {
  deviceReport: {
    title: string;
    intro: string;
    rule: string;
    kind: string;
    kindLost: string;
    kindStolen: string;
    deviceType: string;
    companyPc: string;
    companyPhone: string;
    privatePhone: string;
    other: string;
    serial: string;
    lostWhen: string;
    lostWhere: string;
    lastUsed: string;
    encrypted: string;
    screenLocked: string;
    dataOnIt: string;
    personalData: string;
    yes: string;
    no: string;
    unknown: string;
    policeReport: string;
    submit: string;
  };
  deviceAlert: { title: string; rule: string };
  deviceIncident: {
    title: string;
    timeline: string;
    devices: string;
    lock: string;
    wipe: string;
    retire: string;
    revoke: string;
    matched: string;
    pending: string;
    approve: string;
    reject: string;
    acknowledge: string;
    refresh: string;
    close: string;
    reportsFiled: string;
    preliminary: string;
    final: string;
    noneNeeded: string;
  };
  deviceAppi: { title: string; rule: string };
}

/** A missing translation is a compile error: both entries must be complete `DeviceStrings`. */
export const DEVICE_STRINGS: Readonly<Record<Locale, DeviceStrings>> = Object.freeze({ ja, en });
