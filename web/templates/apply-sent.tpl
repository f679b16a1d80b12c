{{%AUTOESCAPE context="HTML"}}{{!-- The confirmation: the reference, the expected decision date and what happens next; prints as a receipt. --}}
<div class="utrecht-alert utrecht-alert--ok confirmation" role="status">
<h1 class="utrecht-heading-1">{{t_apply_sent_title}}</h1>
<p class="utrecht-paragraph">{{PRODUCT}}</p>
<p class="utrecht-paragraph">{{t_apply_sent_reference}} <strong class="reference">{{REFERENCE}}</strong></p>
</div>
<dl class="utrecht-data-list">
{{#DEADLINE}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_apply_sent_deadline}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DATE}}</dd></div>
{{/DEADLINE}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_product_term}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{TERM}}</dd></div>
{{#FEE}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_product_fee}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{TEXT}}</dd></div>
{{/FEE}}
</dl>
<h2 class="utrecht-heading-2">{{t_apply_sent_next}}</h2>
<ol class="utrecht-ordered-list">
{{#STATUS}}<li class="utrecht-ordered-list__item"><strong>{{NAME}}</strong>: {{TEXT}}</li>
{{/STATUS}}
</ol>
{{#DOCUMENTS}}<p class="utrecht-paragraph">{{t_apply_sent_documents}}</p>
<ul class="utrecht-unordered-list">{{#DOCUMENT}}<li class="utrecht-unordered-list__item">{{NAME}}</li>{{/DOCUMENT}}</ul>
{{/DOCUMENTS}}
<p class="utrecht-paragraph no-print">{{t_apply_sent_print}}</p>
<p class="utrecht-paragraph no-print"><a class="utrecht-link" href="/mijn-zaken">{{t_apply_sent_follow}}</a></p>
