/*
 * ES5 only (no let/const, arrows, classes, template strings): this must run on Office built on
 * Internet Explorer 11 and the old EdgeHTML web view, where the real bundles cannot even parse.
 * There it replaces the page with a plain message asking to update Office, instead of a blank pane,
 * and makes the ribbon's 校验 button say the same instead of doing nothing.
 * On any current Office it does nothing at all.
 */
(function () {
  'use strict';

  var ua = (window.navigator && window.navigator.userAgent) || '';

  function unsupported() {
    // Internet Explorer (Trident) and EdgeHTML ("Edge/18"; Chromium Edge says "Edg/")
    if (/Trident\/|MSIE |Edge\/\d/.test(ua)) return true;
    // The bundles are compiled down to ES2019 syntax (test/build.test.ts checks every file); the
    // built-ins they call go a little further: WeakRef (tabster), Promise.allSettled, matchAll.
    if (typeof window.Promise !== 'function' || typeof window.Symbol !== 'function') return true;
    if (typeof Object.fromEntries !== 'function' || typeof Array.prototype.flat !== 'function') return true;
    if (typeof window.fetch !== 'function' || typeof window.WeakRef !== 'function') return true;
    if (typeof window.Promise.allSettled !== 'function' || typeof String.prototype.matchAll !== 'function') return true;
    return false;
  }

  var MESSAGE = {
    title: '请更新 Office',
    body:
      '此版本的 Office 使用旧的 Internet Explorer 浏览器组件，无法运行“绩效监控校验”。' +
      '请将 Office 更新到最新版本（文件 → 账户 → 更新选项 → 立即更新），或在浏览器中使用 Excel 网页版。',
    titleEn: 'Please update Office',
    bodyEn:
      'This version of Office uses the old Internet Explorer browser component and cannot run ' +
      'Performance Monitoring Check. Update Office (File → Account → Update Options → Update Now), ' +
      'or use Excel on the web.',
  };

  function para(text, tag) {
    var el = document.createElement(tag || 'p');
    el.appendChild(document.createTextNode(text));
    return el;
  }

  function showMessage() {
    var body = document.body;
    while (body.firstChild) body.removeChild(body.firstChild);
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.id = 'jixiao-unsupported';
    box.style.fontFamily = '"Microsoft YaHei", "Segoe UI", sans-serif';
    box.style.padding = '16px';
    box.style.lineHeight = '1.6';
    box.appendChild(para(MESSAGE.title, 'h1'));
    box.appendChild(para(MESSAGE.body));
    box.appendChild(para(MESSAGE.titleEn, 'h2'));
    box.appendChild(para(MESSAGE.bodyEn));
    body.appendChild(box);
  }

  /** Ribbon function file: the ExecuteFunction button opens this message in a dialog, then completes. */
  function registerCommandFallback() {
    function validateSheet(event) {
      var done = false;
      function complete() {
        if (done) return;
        done = true;
        if (event && typeof event.completed === 'function') event.completed();
      }
      try {
        var url = window.location.protocol + '//' + window.location.host + '/dialog.html';
        window.Office.context.ui.displayDialogAsync(url, { height: 40, width: 35 }, function (result) {
          if (result.status !== 'succeeded') return complete();
          result.value.addEventHandler(window.Office.EventType.DialogEventReceived, complete);
        });
        // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no `catch {}` without a binding
      } catch (e) {
        complete();
      }
    }
    window.validateSheet = validateSheet;
    if (window.Office && typeof window.Office.onReady === 'function') {
      window.Office.onReady(function () {
        if (window.Office.actions && typeof window.Office.actions.associate === 'function') {
          window.Office.actions.associate('validateSheet', validateSheet);
        }
      });
    }
  }

  if (!unsupported()) return;
  window.jixiaoUnsupported = true;
  var pageName = document.body ? document.body.getAttribute('data-page') : null;
  if (pageName === 'commands') registerCommandFallback();
  else showMessage();
})();
