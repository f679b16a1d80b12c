{{%AUTOESCAPE context="HTML"}}{{!-- A new staff account's setup link: choose a password, enrol the TOTP secret in an authenticator app, confirm with a first code. Plain form. --}}
<h1 class="utrecht-heading-1">{{t_activate_title}}</h1>
{{#DONE}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_activate_done}}</p></div>
{{/DONE}}
{{#BAD_LINK}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{t_activate_bad_link}}</p></div>
{{/BAD_LINK}}
{{#FORM}}
{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="error-summary">
<div class="utrecht-alert__message">
<h2 class="utrecht-heading-2">{{t_error_summary}}</h2>
<ul class="utrecht-unordered-list">{{#ERROR}}<li><a class="utrecht-link" href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
</div>
</div>
{{/ERRORS}}
<form method="post" action="/medewerker-activeren" class="utrecht-form" novalidate>
<input type="hidden" name="token" value="{{TOKEN}}">
<p class="utrecht-paragraph">{{t_activate_intro}}</p>
<h2 class="utrecht-heading-2">{{t_activate_step_app}}</h2>
<p class="utrecht-paragraph">{{t_activate_secret_hint}}</p>
<p class="utrecht-paragraph admin-staff">{{t_activate_secret}}: <code class="utrecht-code" id="totp-secret">{{SECRET}}</code></p>
<p class="utrecht-paragraph admin-staff">{{t_activate_uri}}: <code class="utrecht-code" id="totp-uri">{{URI}}</code></p>
<h2 class="utrecht-heading-2">{{t_activate_step_password}}</h2>
<div class="utrecht-form-field utrecht-form-field--text{{#INVALID_password}} utrecht-form-field--invalid{{/INVALID_password}}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="password">{{t_activate_password}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="password-hint">{{t_reset_password_hint}}</div>
{{#ERROR_password}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="password-error">{{MESSAGE}}</div>
{{/ERROR_password}}
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--password{{#INVALID_password}} utrecht-textbox--invalid{{/INVALID_password}}" id="password" name="password" type="password" autocomplete="new-password" minlength="12" required aria-describedby="password-hint{{#INVALID_password}} password-error{{/INVALID_password}}"{{#INVALID_password}} aria-invalid="true"{{/INVALID_password}}></div>
</div>
<div class="utrecht-form-field utrecht-form-field--text{{#INVALID_code}} utrecht-form-field--invalid{{/INVALID_code}}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="code">{{t_activate_code}}</label></div>
{{#ERROR_code}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="code-error">{{MESSAGE}}</div>
{{/ERROR_code}}
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric{{#INVALID_code}} utrecht-textbox--invalid{{/INVALID_code}}" id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required{{#INVALID_code}} aria-invalid="true" aria-describedby="code-error"{{/INVALID_code}}></div>
</div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_activate_submit}}</button>
</form>
{{/FORM}}
