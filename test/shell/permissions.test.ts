import { beforeEach, describe, expect, it, vi } from 'vitest';
import { denyAllPermissions } from '../../electron/shell/permissions';
import { FakeSession, FakeWebContents, resetStandIn } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

describe('browser permissions', () => {
  beforeEach(resetStandIn);

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read'])(
    'refuses a request for %s',
    (permission) => {
      const session = new FakeSession();
      denyAllPermissions(session as never);
      const callback = vi.fn();

      session.permissionRequestHandler?.(new FakeWebContents(), permission, callback, {});

      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('answers every permission check and device check with no', () => {
    const session = new FakeSession();
    denyAllPermissions(session as never);

    expect(session.permissionCheckHandler?.(null, 'hid', 'app://control-room', {})).toBe(false);
    expect(session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});
