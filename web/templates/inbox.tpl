{{%AUTOESCAPE context="HTML"}}{{!-- The resident's inbox: news about their cases, and how they want to hear it. --}}
<h1 class="utrecht-heading-1">{{t_inbox_title}}</h1>
{{#EMPTY}}<p class="utrecht-paragraph">{{t_inbox_empty}}</p>
{{/EMPTY}}<ul class="inbox">
{{#ITEM}}<li class="inbox__item"><p class="utrecht-paragraph"><a class="utrecht-link" href="{{HREF}}">{{WHAT}}</a>{{#NEW}} <span class="inbox__new">{{t_inbox_new}}</span>{{/NEW}}</p>
{{#DETAIL}}<p class="utrecht-paragraph">{{TEXT}}</p>
{{/DETAIL}}<p class="utrecht-paragraph inbox__when">{{WHEN}}</p></li>
{{/ITEM}}</ul>
<nav class="pager" aria-label="{{t_pager_label}}">
{{#PREVIOUS}}<a class="utrecht-link" href="{{HREF}}" rel="prev">{{t_pager_previous}}</a>
{{/PREVIOUS}}{{#NEXT}}<a class="utrecht-link" href="{{HREF}}" rel="next">{{t_pager_next}}</a>
{{/NEXT}}
</nav>
<h2 class="utrecht-heading-2" id="meldingen">{{t_inbox_prefs}}</h2>
{{#SAVED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_inbox_prefs_saved}}</p></div>
{{/SAVED}}<form method="post" action="/berichten/voorkeuren" class="case-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field utrecht-form-field--checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="email-enabled" name="email_enabled" value="1"{{#EMAIL_ON}} checked{{/EMAIL_ON}}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="email-enabled">{{t_inbox_email_enabled}}</label>
</div>
<div class="utrecht-form-field{{#EMAIL_ERROR}} utrecht-form-field--invalid{{/EMAIL_ERROR}}">
<label class="utrecht-form-label" for="email">{{t_inbox_email}}</label>
{{#EMAIL_ERROR}}<p class="utrecht-form-field-error-message" id="email-error">{{t_inbox_email_error}}</p>
{{/EMAIL_ERROR}}<input class="utrecht-textbox utrecht-textbox--html-input" type="email" id="email" name="email" autocomplete="email" value="{{EMAIL}}"{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
</div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_inbox_prefs_save}}</button>
</form>
