// The control room needs no camera, microphone, notifications API, geolocation, USB or any other
// browser permission: every request and every check is refused, and requests are logged.
import type { Session } from 'electron';
import { createLogger } from '../log';

const log = createLogger('permissions');

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((webContents, permission, callback) => {
    log.warn({ permission, url: webContents.getURL() }, 'refused a permission request');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
