{{%AUTOESCAPE context="HTML"}}{{!-- Staff password reset: ask for a link by e-mail, or set a new password with the link's token and a TOTP code. Plain forms. --}}
<h1 class="utrecht-heading-1">{{t_reset_title}}</h1>
{{#SENT}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_reset_sent}}</p></div>
{{/SENT}}
{{#DONE}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_reset_done}}</p></div>
{{/DONE}}
{{#BAD_LINK}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{t_reset_error_token}}</p></div>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/wachtwoord-herstellen">{{t_reset_ask_again}}</a></p>
{{/BAD_LINK}}
{{#ASK}}
{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="error-summary">
<div class="utrecht-alert__message">
<h2 class="utrecht-heading-2">{{t_error_summary}}</h2>
<ul class="utrecht-unordered-list">{{#ERROR}}<li><a class="utrecht-link" href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
</div>
</div>
{{/ERRORS}}
<form method="post" action="/wachtwoord-herstellen" class="utrecht-form" novalidate>
<p class="utrecht-paragraph">{{t_reset_ask_intro}}</p>
<div class="utrecht-form-field utrecht-form-field--text{{#INVALID_email}} utrecht-form-field--invalid{{/INVALID_email}}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="email">{{t_reset_email}}</label></div>
{{#ERROR_email}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="email-error">{{MESSAGE}}</div>
{{/ERROR_email}}
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input{{#INVALID_email}} utrecht-textbox--invalid{{/INVALID_email}}" id="email" name="email" type="email" autocomplete="username" required value="{{EMAIL}}"{{#INVALID_email}} aria-invalid="true" aria-describedby="email-error"{{/INVALID_email}}></div>
</div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_reset_ask_submit}}</button>
</form>
{{/ASK}}
{{#CONFIRM}}
{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="error-summary">
<div class="utrecht-alert__message">
<h2 class="utrecht-heading-2">{{t_error_summary}}</h2>
<ul class="utrecht-unordered-list">{{#ERROR}}<li><a class="utrecht-link" href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
</div>
</div>
{{/ERRORS}}
<form method="post" action="/wachtwoord-herstellen/bevestigen" class="utrecht-form" novalidate>
<input type="hidden" name="token" value="{{TOKEN}}">
<p class="utrecht-paragraph">{{t_reset_confirm_intro}}</p>
<div class="utrecht-form-field utrecht-form-field--text{{#INVALID_password}} utrecht-form-field--invalid{{/INVALID_password}}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="password">{{t_reset_password}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="password-hint">{{t_reset_password_hint}}</div>
{{#ERROR_password}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="password-error">{{MESSAGE}}</div>
{{/ERROR_password}}
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--password{{#INVALID_password}} utrecht-textbox--invalid{{/INVALID_password}}" id="password" name="password" type="password" autocomplete="new-password" minlength="12" required aria-describedby="password-hint{{#INVALID_password}} password-error{{/INVALID_password}}"{{#INVALID_password}} aria-invalid="true"{{/INVALID_password}}></div>
</div>
<div class="utrecht-form-field utrecht-form-field--text{{#INVALID_code}} utrecht-form-field--invalid{{/INVALID_code}}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="code">{{t_reset_code}}</label></div>
{{#ERROR_code}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="code-error">{{MESSAGE}}</div>
{{/ERROR_code}}
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric{{#INVALID_code}} utrecht-textbox--invalid{{/INVALID_code}}" id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required{{#INVALID_code}} aria-invalid="true" aria-describedby="code-error"{{/INVALID_code}}></div>
</div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_reset_confirm_submit}}</button>
</form>
{{/CONFIRM}}
