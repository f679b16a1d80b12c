{{%AUTOESCAPE context="HTML"}}{{!-- An administrator manages the organisation's staff: adds members, blocks or unblocks them, gives or takes roles. --}}
<h1 class="utrecht-heading-1">{{t_admin_staff_title}}: {{ORG_NAME}}</h1>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/beheer/{{ORG}}/producten">{{t_admin_products_link}}</a>, <a class="utrecht-link" href="/beheer/{{ORG}}/teams">{{t_admin_teams_title}}</a></p>
{{#CHANGED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_admin_changed}}</p></div>
{{/CHANGED}}{{#ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{t_admin_error}}</p></div>
{{/ERROR}}{{#ERROR_SELF}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{t_admin_error_self}}</p></div>
{{/ERROR_SELF}}{{#ERROR_ELSEWHERE}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{t_admin_error_elsewhere}}</p></div>
{{/ERROR_ELSEWHERE}}{{#ADDED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_admin_added}}</p></div>
{{/ADDED}}{{#GRANTED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_admin_granted}}</p></div>
{{/GRANTED}}{{#BLOCKED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_admin_blocked}}</p></div>
{{/BLOCKED}}{{#UNBLOCKED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_admin_unblocked}}</p></div>
{{/UNBLOCKED}}{{#LINK_SENT}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_admin_link_sent}}</p></div>
{{/LINK_SENT}}{{#ERROR_ACTIVE}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{t_admin_error_active}}</p></div>
{{/ERROR_ACTIVE}}<ul class="utrecht-unordered-list admin-staff">
{{#MEMBER}}<li class="utrecht-unordered-list__item"><strong>{{NAME}}</strong>{{#DISABLED}} ({{t_admin_disabled}}){{/DISABLED}}{{#NOT_ACTIVATED}} ({{t_admin_not_activated}}){{/NOT_ACTIVATED}}, {{EMAIL}}: {{ROLES}}
{{#SEND_LINK}}<form method="post" action="/beheer/{{ORG}}/medewerkers/{{ID}}/link" class="admin-staff__action"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_admin_send_link}}<span class="visually-hidden"> {{NAME}}</span></button></form>
{{/SEND_LINK}}
{{#BLOCK}}<form method="post" action="/beheer/{{ORG}}/medewerkers/{{ID}}/actief" class="admin-staff__action"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="active" value="0"><button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_admin_block}}<span class="visually-hidden"> {{NAME}}</span></button></form>
{{/BLOCK}}{{#UNBLOCK}}<form method="post" action="/beheer/{{ORG}}/medewerkers/{{ID}}/actief" class="admin-staff__action"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="active" value="1"><button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_admin_unblock}}<span class="visually-hidden"> {{NAME}}</span></button></form>
{{/UNBLOCK}}</li>
{{/MEMBER}}</ul>
<h2 class="utrecht-heading-2" id="nieuw">{{t_admin_add_title}}</h2>
{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="error-summary">
<div class="utrecht-alert__message">
<h3 class="utrecht-heading-3">{{t_error_summary}}</h3>
<ul class="utrecht-unordered-list">{{#ERROR_ITEM}}<li><a class="utrecht-link" href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_ITEM}}</ul>
</div>
</div>
{{/ERRORS}}<form method="post" action="/beheer/{{ORG}}/medewerkers/nieuw" class="utrecht-form" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="utrecht-paragraph">{{t_admin_add_intro}}</p>
<div class="utrecht-form-field utrecht-form-field--text{{#INVALID_name}} utrecht-form-field--invalid{{/INVALID_name}}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="new-name">{{t_admin_new_name}}</label></div>
{{#ERROR_name}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="new-name-error">{{MESSAGE}}</div>
{{/ERROR_name}}<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input{{#INVALID_name}} utrecht-textbox--invalid{{/INVALID_name}}" id="new-name" name="name" type="text" autocomplete="off" maxlength="200" required value="{{NEW_NAME}}"{{#INVALID_name}} aria-invalid="true" aria-describedby="new-name-error"{{/INVALID_name}}></div>
</div>
<div class="utrecht-form-field utrecht-form-field--text{{#INVALID_email}} utrecht-form-field--invalid{{/INVALID_email}}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="new-email">{{t_admin_new_email}}</label></div>
{{#ERROR_email}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="new-email-error">{{MESSAGE}}</div>
{{/ERROR_email}}<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input{{#INVALID_email}} utrecht-textbox--invalid{{/INVALID_email}}" id="new-email" name="email" type="email" autocomplete="off" required value="{{NEW_EMAIL}}"{{#INVALID_email}} aria-invalid="true" aria-describedby="new-email-error"{{/INVALID_email}}></div>
</div>
<fieldset class="utrecht-form-fieldset{{#INVALID_roles}} utrecht-form-fieldset--invalid{{/INVALID_roles}}"{{#INVALID_roles}} aria-describedby="new-roles-error"{{/INVALID_roles}}><legend class="utrecht-form-fieldset__legend">{{t_admin_new_roles}}</legend>
{{#ERROR_roles}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="new-roles-error">{{MESSAGE}}</div>
{{/ERROR_roles}}{{#NEW_ROLE}}<div class="utrecht-form-field utrecht-form-field--checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="new-role-{{VALUE}}" name="role-{{VALUE}}" value="1"{{#CHECKED}} checked{{/CHECKED}}> <label class="utrecht-form-label" for="new-role-{{VALUE}}">{{LABEL}}</label></div>
{{/NEW_ROLE}}</fieldset>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_admin_add_submit}}</button>
</form>
<h2 class="utrecht-heading-2">{{t_admin_change}}</h2>
<form method="post" action="/beheer/{{ORG}}/medewerkers" class="case-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><label class="utrecht-form-label" for="admin-email">{{t_admin_email}}</label>
<input class="utrecht-textbox" type="email" id="admin-email" name="email" autocomplete="off" required></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="admin-role">{{t_admin_role}}</label>
<select class="utrecht-select" id="admin-role" name="role">{{#ROLE}}<option value="{{VALUE}}">{{LABEL}}</option>{{/ROLE}}</select></div>
<fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend">{{t_admin_action}}</legend>
<div class="utrecht-form-field utrecht-form-field--radio"><input class="utrecht-radio-button" type="radio" id="admin-grant" name="action" value="grant" checked> <label class="utrecht-form-label" for="admin-grant">{{t_admin_grant}}</label></div>
<div class="utrecht-form-field utrecht-form-field--radio"><input class="utrecht-radio-button" type="radio" id="admin-revoke" name="action" value="revoke"> <label class="utrecht-form-label" for="admin-revoke">{{t_admin_revoke}}</label></div>
</fieldset>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_admin_save}}</button>
</form>
