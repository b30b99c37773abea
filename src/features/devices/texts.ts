import { messageLookup, textCatalog } from '../../cards/texts';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every devices text in both languages: the card renderer's `t`, and `deviceText` for texts code fills in. */
export const DEVICE_TEXTS = textCatalog(ja, en);
export type DeviceTextKey = keyof typeof ja.msg;

export const deviceText = messageLookup(DEVICE_TEXTS);
