{{%AUTOESCAPE context="HTML"}}{{!-- Check your answers, with a link to change each; sending makes the case. --}}
<a class="utrecht-link back-link" href="{{BACK_HREF}}">{{t_apply_back}}</a>
<p class="utrecht-paragraph apply-progress">{{PRODUCT}}</p>
{{#REFUSED}}<div class="utrecht-alert utrecht-alert--error error-summary" role="alert">
<h2 class="utrecht-heading-2">{{t_apply_refused}}</h2>
<ul class="utrecht-unordered-list">{{#REFUSAL}}<li class="utrecht-unordered-list__item">{{TEXT}}</li>{{/REFUSAL}}</ul>
</div>
{{/REFUSED}}
<h1 class="utrecht-heading-1">{{t_apply_check_title}}</h1>
{{#STEP}}<h2 class="utrecht-heading-2">{{TITLE}}</h2>
<dl class="utrecht-data-list check-list">
{{#ROW}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{LABEL}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{ANSWER}}</dd><dd class="check-list__change"><a class="utrecht-link" href="{{CHANGE_HREF}}">{{t_apply_change}}<span class="visually-hidden"> {{CHANGE_LABEL}}</span></a></dd></div>
{{/ROW}}
</dl>
{{/STEP}}
{{#UPLOADS}}<h2 class="utrecht-heading-2">{{t_apply_upload_files}}</h2>
<dl class="utrecht-data-list check-list">
{{#ROW}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{LABEL}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{ANSWER}}</dd><dd class="check-list__change"><a class="utrecht-link" href="{{CHANGE_HREF}}">{{t_apply_change}}<span class="visually-hidden"> {{CHANGE_LABEL}}</span></a></dd></div>
{{/ROW}}
</dl>
{{/UPLOADS}}
{{#DOCUMENTS}}<h2 class="utrecht-heading-2">{{t_apply_documents}}</h2>
<p class="utrecht-paragraph">{{t_apply_documents_later}}</p>
<ul class="utrecht-unordered-list">{{#DOCUMENT}}<li class="utrecht-unordered-list__item">{{NAME}}</li>{{/DOCUMENT}}</ul>
{{/DOCUMENTS}}
{{#FOR_CHILD_OK}}<p class="utrecht-paragraph">{{t_apply_for_child_ok}}</p>
{{/FOR_CHILD_OK}}{{#FOR_CHILD_MISSING}}<p class="utrecht-paragraph"><strong>{{t_apply_for_child_missing}}</strong></p>
{{/FOR_CHILD_MISSING}}
<h2 class="utrecht-heading-2">{{t_apply_send_title}}</h2>
<p class="utrecht-paragraph">{{t_apply_send_text}}</p>
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="idempotencyKey" value="{{KEY}}">
<div class="utrecht-button-group">
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_apply_send}}</button>
</div>
</form>
