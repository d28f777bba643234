import { getRequestConfig } from "next-intl/server";

/** next-intl's request configuration, as Keel's i18n/request.ts: a locale and its (precompiled) messages. */
export default getRequestConfig(async () => ({ locale: "en", messages: (await import("./messages/en.json")).default, timeZone: "UTC" }));
