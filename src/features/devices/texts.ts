import { fieldLabelFrom, messageLookup, textCatalog } from '../../cards/texts';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every devices text in both languages: the card renderer's `t`, and `deviceText` for texts code fills in. */
export const DEVICE_TEXTS = textCatalog(ja, en);
export type DeviceTextKey = keyof typeof ja.msg;

export const deviceText = messageLookup(DEVICE_TEXTS);

/** The label the lost-device and incident cards show next to an input, for the error card that lists invalid ones. */
export const deviceFieldLabel = fieldLabelFrom((locale) => {
  const { deviceReport: report, deviceIncident: incident } = DEVICE_TEXTS[locale];
  return {
    kind: report.kind, deviceType: report.deviceType, serial: report.serial, lostWhen: report.lostWhen, lostWhere: report.lostWhere, lastUsed: report.lastUsed,
    encrypted: report.encrypted, screenLocked: report.screenLocked, dataOnIt: report.dataOnIt, personalData: report.personalData, policeReport: report.policeReport,
    reportsFiled: incident.reportsFiled,
  };
});
