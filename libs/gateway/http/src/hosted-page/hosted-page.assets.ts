/** The hosted end-user page: static markup plus one script that talks to /public/api. */
export const HOSTED_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Identity verification</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1f2933; }
  h1 { font-size: 1.4rem; } .step { border: 1px solid #d9e2ec; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
  .step.completed, .step.skipped { opacity: .7; } .status { float: right; font-size: .8rem; color: #52606d; }
  .correction { background: #fff3c4; padding: .5rem; border-radius: .25rem; margin: .5rem 0; }
  label { display: block; margin: .5rem 0 .2rem; } input, select { width: 100%; padding: .4rem; box-sizing: border-box; }
  button { margin: .75rem .5rem 0 0; padding: .5rem 1rem; } .error { color: #b42318; } .done { color: #1f7a3f; }
</style>
</head>
<body>
<h1 id="title">Identity verification</h1>
<p id="notice"></p>
<div id="steps"></div>
<script src="/public/sessions/assets/session.js"></script>
</body>
</html>`;

export const HOSTED_PAGE_SCRIPT = `'use strict';
(function () {
  var token = location.pathname.split('/').filter(Boolean).pop();
  var api = '/public/api/sessions/' + encodeURIComponent(token);
  var notice = document.getElementById('notice');
  var container = document.getElementById('steps');
  var INPUT_TYPES = { date: 'date', email: 'email', phone: 'tel', number: 'number', url: 'url' };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }
  function say(text, kind) { notice.textContent = text; notice.className = kind || ''; }
  function call(method, path, body) {
    var init = { method: method };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) { init.body = JSON.stringify(body); init.headers = { 'content-type': 'application/json' }; }
    return fetch(api + path, init).then(function (response) {
      return response.json().then(function (payload) {
        if (payload.status !== 'success') {
          var details = (payload.error.details || []).map(function (d) { return d.field + ': ' + d.issue; }).join('; ');
          throw new Error(payload.error.message + (details ? ' (' + details + ')' : ''));
        }
        return payload.data;
      });
    });
  }
  function act(promise) { return promise.then(render, function (error) { say(error.message, 'error'); }); }

  function formStep(step, box) {
    var inputs = {};
    step.fields.forEach(function (field) {
      var input;
      if (field.type === 'select') {
        input = el('select', {}, [el('option', { value: '' }, ['—'])].concat(field.options.map(function (o) { return el('option', { value: o }, [o]); })));
      } else if (field.type === 'boolean') {
        input = el('input', { type: 'checkbox' });
      } else {
        input = el('input', { type: INPUT_TYPES[field.type] || 'text' });
      }
      var value = step.values[field.field_id];
      if (field.type === 'boolean') input.checked = value === true; else if (value !== undefined) input.value = String(value);
      inputs[field.field_id] = { input: input, field: field };
      box.append(el('label', {}, [field.name + (field.required ? ' *' : '')]), input);
    });
    var save = el('button', {}, ['Save']);
    save.onclick = function () {
      var values = {};
      Object.keys(inputs).forEach(function (id) {
        var entry = inputs[id];
        if (entry.field.type === 'boolean') values[id] = entry.input.checked;
        else if (entry.input.value !== '') values[id] = entry.field.type === 'number' ? Number(entry.input.value) : entry.input.value;
      });
      act(call('PUT', '/steps/' + step.step_id + '/form', { values: values }));
    };
    box.append(save);
  }

  function documentStep(step, box) {
    step.documents.forEach(function (doc) { box.append(el('p', {}, ['Uploaded: ' + doc.file_name + ' (' + doc.type + ')'])); });
    var type = el('select', {}, (step.document_types || ['selfie']).map(function (t) { return el('option', { value: t }, [t.replace('_', ' ')]); }));
    var file = el('input', { type: 'file', accept: step.type === 'selfie' ? 'image/*' : 'image/*,application/pdf' });
    var upload = el('button', {}, ['Upload']);
    upload.onclick = function () {
      if (!file.files[0]) return say('Choose a file first.', 'error');
      var form = new FormData();
      form.append('document_type', type.value);
      form.append('file', file.files[0]);
      act(call('POST', '/steps/' + step.step_id + '/documents', form).then(function () { return call('GET', ''); }));
    };
    box.append(el('label', {}, ['Document type']), type, el('label', {}, ['File']), file, upload);
  }

  function render(session) {
    container.textContent = '';
    var editable = session.status === 'active' || session.status === 'awaiting_client_correction';
    if (session.status === 'completed' || !editable) say('Thank you: your information has been submitted.', 'done');
    else if (session.status === 'awaiting_client_correction') say('Please correct the highlighted steps.');
    else say('Complete each step below.');
    session.steps.forEach(function (step) {
      var box = el('div', { class: 'step ' + step.status }, [
        el('span', { class: 'status' }, [step.status.replace('_', ' ')]),
        el('h2', {}, [step.name || step.step_id]),
      ]);
      step.correction_requests.forEach(function (c) { box.append(el('div', { class: 'correction' }, [c.message])); });
      var open = editable && step.status !== 'completed' && step.status !== 'skipped' &&
        (session.status === 'active' || step.status === 'needs_correction' || step.status === 'in_progress');
      if (open && step.type === 'form') formStep(step, box);
      if (open && (step.type === 'document' || step.type === 'selfie')) documentStep(step, box);
      if (open) {
        var complete = el('button', {}, ['Complete step']);
        complete.onclick = function () { act(call('POST', '/steps/' + step.step_id + '/complete')); };
        box.append(complete);
        if (step.optional) {
          var skip = el('button', {}, ['Skip']);
          skip.onclick = function () { act(call('POST', '/steps/' + step.step_id + '/skip')); };
          box.append(skip);
        }
      }
      container.append(box);
    });
  }

  act(call('GET', ''));
})();
`;
